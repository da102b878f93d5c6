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
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>tlsverdict: ")
                .append(JunitReport.esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px;font-size:13px}")
                .append("th.c{writing-mode:vertical-rl;transform:rotate(180deg)}td.PASS{background:#c8e6c9}td.FAIL{background:#ffcdd2}")
                .append("td.WARN{background:#fff3c4}td.INCONCLUSIVE{background:#e1bee7}td.NOT_APPLICABLE{background:#eee;color:#888}")
                .append("td.stricter{font-weight:bold;outline:2px solid #b71c1c}\n</style></head><body>\n");
        sb.append("<h1>").append(JunitReport.esc(heading)).append("</h1>\n<table>\n<tr><th>endpoint</th><th>source</th>");
        criteria.forEach((id, t) -> sb.append("<th class=\"c\" title=\"").append(JunitReport.esc(t)).append("\">")
                .append(JunitReport.esc(id)).append("</th>"));
        return sb.append("</tr>\n");
    }

    /**
     * A policy diff: both policies, warnings, the counts per bucket, a matrix of the endpoints and
     * criteria that are not unchanged (each cell shows the old and new status initials, "−" for
     * none, coloured by the new status, outlined when it became FAIL, struck through when removed;
     * blank cells did not change), then the changed criteria and their rule-file diffs.
     */
    static String renderDiff(DiffReport diff) {
        Map<String, String> criteria = new TreeMap<>();
        Map<String, Map<String, DiffReport.Change>> rows = new TreeMap<>();
        for (DiffReport.Change c : diff.changes()) {
            criteria.put(c.criterion(), c.criterion());
            rows.computeIfAbsent(c.endpoint() + "\0" + c.source(), k -> new TreeMap<>()).put(c.criterion(), c);
        }
        StringBuilder sb = head("diff " + diff.to().id(), DiffText.header(diff), criteria);
        rows.forEach((key, changes) -> {
            String[] parts = key.split("\0", 2);
            sb.append("<tr><td>").append(JunitReport.esc(parts[0])).append("</td><td>").append(JunitReport.esc(parts[1])).append("</td>");
            for (String id : criteria.keySet()) {
                DiffReport.Change c = changes.get(id);
                if (c == null) {
                    sb.append("<td></td>");
                    continue;
                }
                String from = c.from() == null ? "−" : c.from().name().substring(0, 1);
                String to = c.to() == null ? "−" : c.to().name().substring(0, 1);
                sb.append("<td class=\"").append(c.to() == null ? "NOT_APPLICABLE" : c.to().name()).append(c.newlyFailing() ? " stricter" : "")
                        .append("\"").append(c.to() == null ? " style=\"text-decoration:line-through\"" : "").append(" title=\"")
                        .append(JunitReport.esc(c.bucket().label() + ": " + c.move() + ": "
                                + (c.toMessage() != null ? c.toMessage() : c.fromMessage()) + " (" + DiffText.because(diff, c) + ")")).append("\">")
                        .append(from).append("→").append(to).append("</td>");
            }
            sb.append("</tr>\n");
        });
        sb.append("</table>\n");
        diff.warnings().forEach(w -> sb.append("<p><strong>Warning:</strong> ").append(JunitReport.esc(w)).append("</p>\n"));
        sb.append("<h2>Verdicts</h2>\n<table>\n");
        for (Bucket b : Bucket.values()) {
            sb.append("<tr><td>").append(b.label()).append("</td><td>").append(diff.summary().count(b)).append("</td></tr>\n");
        }
        sb.append("<tr><th>total</th><th>").append(diff.summary().total()).append("</th></tr>\n</table>\n");
        if (!diff.criteria().isEmpty()) {
            sb.append("<h2>Criteria</h2>\n<table>\n<tr><th>criterion</th><th>change</th><th>rule files</th><th>endpoints</th></tr>\n");
            for (DiffReport.CriterionChange c : diff.criteria()) {
                sb.append("<tr><td>").append(JunitReport.esc(c.criterion())).append("</td><td>").append(c.change()).append("</td><td>")
                        .append(JunitReport.esc(c.files() == null ? "" : String.join(", ", c.files()))).append("</td><td>")
                        .append(JunitReport.esc(DiffText.endpoints(c.endpoints()))).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        for (DiffReport.FileChange f : diff.files()) {
            sb.append("<h3>").append(JunitReport.esc(f.file())).append(" (").append(f.change()).append(")</h3>\n");
            if (f.change().equals("edited")) {
                sb.append("<pre>").append(JunitReport.esc(String.join("\n", f.diff()))).append("</pre>\n");
            }
        }
        sb.append("<p>").append(JunitReport.esc(DiffText.summary(diff))).append(". Hover a cell for the new reason.</p>\n</body></html>\n");
        return sb.toString();
    }

    static String render(VerdictReport report) {
        Map<String, String> titles = new TreeMap<>();
        report.results().forEach(r -> r.verdicts().forEach(v -> titles.put(v.criterion(), v.title())));
        StringBuilder sb = head(report.policy().id(), report.policy().id() + " " + report.policy().version(), titles);
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
