package org.tlsverdict.report;

import java.util.Map;
import java.util.TreeMap;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Verdict;

/**
 * A static, self-contained HTML page: an endpoint x criterion matrix, each cell coloured by status
 * with the verdict's message as its tooltip. No scripts, no external resources.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(VerdictReport report) {
        Map<String, String> titles = new TreeMap<>();
        report.results().forEach(r -> r.verdicts().forEach(v -> titles.put(v.criterion(), v.title())));
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>tlsverdict: ")
                .append(JunitReport.esc(report.policy().id())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px;font-size:13px}")
                .append("th.c{writing-mode:vertical-rl;transform:rotate(180deg)}td.PASS{background:#c8e6c9}td.FAIL{background:#ffcdd2}")
                .append("td.WARN{background:#fff3c4}td.INCONCLUSIVE{background:#e1bee7}td.NOT_APPLICABLE{background:#eee;color:#888}\n</style></head><body>\n");
        sb.append("<h1>").append(JunitReport.esc(report.policy().id())).append(' ').append(JunitReport.esc(report.policy().version()))
                .append("</h1>\n<table>\n<tr><th>endpoint</th><th>source</th>");
        titles.forEach((id, title) -> sb.append("<th class=\"c\" title=\"").append(JunitReport.esc(title)).append("\">")
                .append(JunitReport.esc(id)).append("</th>"));
        sb.append("</tr>\n");
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
