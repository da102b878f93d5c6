package org.tlsverdict.report;

import java.util.Map;
import java.util.TreeMap;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Verdict;

/**
 * A static, self-contained HTML page: an endpoint x criterion matrix, each cell coloured by status
 * with the verdict's message as its tooltip. No scripts, no external resources. Policy diffs get
 * the same page over the changed cells only.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    /** The page up to the matrix's header row: criteria as rotated column heads with their titles. */
    private static StringBuilder head(String title, String heading, Map<String, String> criteria) {
        return head(title, heading, false, criteria);
    }

    private static StringBuilder head(String title, String heading, boolean trusted, Map<String, String> criteria) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>tlsverdict: ")
                .append(JunitReport.esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px;font-size:13px}")
                .append("th.c{writing-mode:vertical-rl;transform:rotate(180deg)}td.PASS{background:#c8e6c9}td.FAIL{background:#ffcdd2}")
                .append("td.WARN{background:#fff3c4}td.INCONCLUSIVE{background:#e1bee7}td.NOT_APPLICABLE{background:#eee;color:#888}")
                .append("td.stricter{font-weight:bold;outline:2px solid #b71c1c}\n</style></head><body>\n");
        sb.append("<h1>").append(JunitReport.esc(heading)).append("</h1>\n");
        if (trusted) {
            sb.append("<p><strong>").append(JunitReport.esc(VerdictReport.PolicyRef.TRUSTED_NOTE)).append("</strong></p>\n");
        }
        sb.append("<table>\n<tr><th>endpoint</th><th>source</th>");
        criteria.forEach((id, t) -> sb.append("<th class=\"c\" title=\"").append(JunitReport.esc(t)).append("\">")
                .append(JunitReport.esc(id)).append("</th>"));
        return sb.append("</tr>\n");
    }

    /**
     * A policy diff as a matrix of the endpoints and criteria that changed: each cell shows the old
     * and new status initials, coloured by the new status and outlined when it became FAIL; blank
     * cells did not change.
     */
    static String renderDiff(DiffReport diff) {
        Map<String, String> criteria = new TreeMap<>();
        Map<String, Map<String, DiffReport.Change>> rows = new TreeMap<>();
        for (DiffReport.Change c : diff.changes()) {
            criteria.put(c.criterion(), c.criterion());
            rows.computeIfAbsent(c.endpoint() + "\0" + c.source(), k -> new TreeMap<>()).put(c.criterion(), c);
        }
        StringBuilder sb = head("diff " + diff.to().id(), "diff " + diff.from().path() + " (" + diff.from().version() + ") → "
                + diff.to().path() + " (" + diff.to().version() + ")", diff.from().trusted() || diff.to().trusted(), criteria);
        rows.forEach((key, changes) -> {
            String[] parts = key.split("\0", 2);
            sb.append("<tr><td>").append(JunitReport.esc(parts[0])).append("</td><td>").append(JunitReport.esc(parts[1])).append("</td>");
            for (String id : criteria.keySet()) {
                DiffReport.Change c = changes.get(id);
                if (c == null) {
                    sb.append("<td></td>");
                    continue;
                }
                String from = c.from() == null ? "new" : c.from().name();
                sb.append("<td class=\"").append(c.to()).append(c.newlyFailing() ? " stricter" : "").append("\" title=\"")
                        .append(JunitReport.esc(from + " -> " + c.to() + ": " + c.toMessage())).append("\">")
                        .append(from.charAt(0)).append("→").append(c.to().name().charAt(0)).append("</td>");
            }
            sb.append("</tr>\n");
        });
        var s = diff.summary();
        sb.append("</table>\n<p>").append(s.newlyFailing()).append(" newly failing, ").append(s.newlyPassing()).append(" newly passing, ")
                .append(s.otherChanges()).append(" other changes, ").append(s.unchanged()).append(" unchanged; criteria: ")
                .append(s.criteriaAdded()).append(" added, ").append(s.criteriaRemoved()).append(" removed, ").append(s.criteriaEdited())
                .append(" edited. Hover a cell for the new reason.</p>\n</body></html>\n");
        return sb.toString();
    }

    static String render(VerdictReport report) {
        Map<String, String> titles = new TreeMap<>();
        report.results().forEach(r -> r.verdicts().forEach(v -> titles.put(v.criterion(), v.title())));
        StringBuilder sb = head(report.policy().id(), report.policy().id() + " " + report.policy().version(), report.policy().trusted(), titles);
        for (EndpointResult r : report.results()) {
            sb.append("<tr><td>").append(JunitReport.esc(r.endpoint().host() + ":" + r.endpoint().port())).append("</td><td>")
                    .append(JunitReport.esc(r.source())).append("</td>");
            Map<String, Verdict> byId = new TreeMap<>();
            r.verdicts().forEach(v -> byId.put(v.criterion(), v));
            for (String id : titles.keySet()) {
                Verdict v = byId.get(id);
                if (v == null) {
                    sb.append("<td></td>");
                } else {
                    sb.append("<td class=\"").append(v.status()).append("\" title=\"").append(JunitReport.esc(v.message())).append("\">")
                            .append(v.status().name().charAt(0)).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        var s = report.summary();
        sb.append("</table>\n<p>").append(s.endpoints()).append(" endpoint(s): ").append(s.fail()).append(" fail, ")
                .append(s.inconclusive()).append(" inconclusive, ").append(s.warn()).append(" warn, ").append(s.pass())
                .append(" pass, ").append(s.notApplicable()).append(" not applicable. Hover a cell for the reason.</p>\n</body></html>\n");
        return sb.toString();
    }
}
