package org.tlsverdict.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Verdict;

/**
 * A static, self-contained, printable HTML page: a legend, an endpoint x criterion matrix with an
 * overall column, each endpoint's reasons as visible text, the criteria with their sources linked.
 * No scripts, no external resources. Policy diffs get a matrix over the changed cells only, the
 * new reason as each cell's tooltip.
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
        StringBuilder sb = head("diff " + diff.to().id(), DiffText.header(diff), diff.from().trusted() || diff.to().trusted(), criteria);
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

    /** Colours of the statuses, shared by the legend, the matrix cells and the reason tables. */
    private static final String VERDICT_STYLE = "body{font-family:sans-serif;margin:1em;color:#111}table{border-collapse:collapse;margin:.5em 0}"
            + "th,td{border:1px solid #bbb;padding:3px 6px;font-size:13px;vertical-align:top;text-align:left}"
            + "th.c{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}td.m{text-align:center;font-weight:bold}"
            + ".PASS{background:#c8e6c9}.FAIL{background:#ffcdd2}.WARN{background:#fff3c4}.INCONCLUSIVE{background:#e1bee7}"
            + ".NOT_APPLICABLE{background:#eee;color:#555}.NOT_COLLECTED{background:#e3f2fd;color:#333}"
            + "ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5em}ul.legend li{border:1px solid #bbb;padding:2px 6px}"
            + "td.m a{color:inherit;text-decoration:none}section.endpoint{margin-top:1.5em}p.collect{margin:.3em 0 0 0;font-size:13px}"
            + "@media print{body{margin:0}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
            + "th.c{writing-mode:horizontal-tb;transform:none;white-space:normal}section.endpoint,tr{break-inside:avoid}"
            + "a{color:inherit}a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:10px}}";

    /**
     * A verdict report as one printable page: a legend, the endpoint x criterion matrix with an
     * overall column (each cell a status initial that links to its reason), then per endpoint a
     * table of every verdict's reason and evidence as visible text, and the criteria with their
     * sources linked. No scripts, no external resources.
     */
    static String render(VerdictReport report, List<Criterion> policyCriteria) {
        Map<String, Criterion> criteria = new LinkedHashMap<>();
        policyCriteria.forEach(c -> criteria.put(c.id(), c));
        report.results().forEach(r -> r.verdicts().forEach(v -> criteria.computeIfAbsent(v.criterion(),
                id -> new Criterion(id, v.title(), v.level(), null, v.expected(), null, null, null, null, null, null))));
        boolean scoped = report.onlyCollected();
        String title = report.policy().id() + " " + report.policy().version();
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>tlsverdict: ")
                .append(esc(title)).append("</title>\n<style>\n").append(VERDICT_STYLE).append("\n</style></head><body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        if (report.policy().trusted()) {
            sb.append("<p><strong>").append(esc(VerdictReport.PolicyRef.TRUSTED_NOTE)).append("</strong></p>\n");
        }
        var s = report.summary();
        sb.append("<p>").append(s.endpoints()).append(" endpoint(s): ").append(s.fail()).append(" fail, ").append(s.inconclusive())
                .append(" inconclusive, ").append(s.warn()).append(" warn, ").append(s.pass()).append(" pass, ").append(s.notApplicable())
                .append(" not applicable").append(s.notCollected() == null ? "" : " (" + s.notCollected() + " of the inconclusive not collected)")
                .append(".</p>\n");
        sb.append("<ul class=\"legend\">")
                .append("<li class=\"PASS\">P pass: the facts meet the criterion</li>")
                .append("<li class=\"FAIL\">F fail: a fact breaks it</li>")
                .append("<li class=\"WARN\">W warn: tolerated, worth fixing</li>")
                .append("<li class=\"INCONCLUSIVE\">I inconclusive: a fact is missing</li>")
                .append("<li class=\"NOT_APPLICABLE\">N not applicable</li>");
        if (scoped) {
            sb.append("<li class=\"NOT_COLLECTED\">C not collected: left out of the overall status</li>");
        }
        sb.append("</ul>\n<table class=\"matrix\">\n<tr><th>endpoint</th><th>source</th><th>overall</th>");
        for (Criterion c : criteria.values()) {
            sb.append("<th class=\"c\" title=\"").append(esc(c.title())).append("\">").append(link(c.source(), c.id())).append("</th>");
        }
        sb.append("</tr>\n");
        List<EndpointResult> results = report.results();
        for (int i = 0; i < results.size(); i++) {
            EndpointResult r = results.get(i);
            Map<String, Verdict> byId = new TreeMap<>();
            r.verdicts().forEach(v -> byId.put(v.criterion(), v));
            sb.append("<tr><td><a href=\"#e").append(i).append("\">").append(esc(subject(r))).append("</a></td><td>").append(esc(r.source()))
                    .append("</td><td class=\"m ").append(r.status()).append("\">").append(r.status()).append("</td>");
            for (String id : criteria.keySet()) {
                Verdict v = byId.get(id);
                if (v == null) {
                    sb.append("<td></td>");
                    continue;
                }
                String shown = shown(v, scoped);
                sb.append("<td class=\"m ").append(shown).append("\" title=\"").append(esc(shown + ": " + v.message())).append("\"><a href=\"#e")
                        .append(i).append('-').append(esc(id)).append("\">").append(initial(shown)).append("</a></td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        for (int i = 0; i < results.size(); i++) {
            EndpointResult r = results.get(i);
            sb.append("<section class=\"endpoint\" id=\"e").append(i).append("\"><h2>").append(esc(subject(r))).append(" <small>")
                    .append(esc(r.source())).append("</small> <span class=\"").append(r.status()).append("\">").append(r.status())
                    .append("</span></h2>\n<table class=\"reasons\"><tr><th>criterion</th><th>status</th><th>reason</th></tr>\n");
            for (Verdict v : r.verdicts()) {
                String shown = shown(v, scoped);
                sb.append("<tr id=\"e").append(i).append('-').append(esc(v.criterion())).append("\"><td>").append(esc(v.criterion()))
                        .append("</td><td class=\"").append(shown).append("\">").append(shown).append("</td><td class=\"reason\">")
                        .append(esc(v.message()));
                if (!v.evidence().isEmpty()) {
                    sb.append("<ul>");
                    v.evidence().stream().limit(10).forEach(e -> sb.append("<li>").append(esc(e.observed()))
                            .append(e.raw() == null ? "" : " <code>" + esc(e.raw()) + "</code>").append("</li>"));
                    if (v.evidence().size() > 10) {
                        sb.append("<li>and ").append(v.evidence().size() - 10).append(" more</li>");
                    }
                    sb.append("</ul>");
                }
                if (v.collect() != null) {
                    v.collect().forEach(h -> sb.append("<p class=\"collect\">collect ").append(esc(h.fact())).append(": ")
                            .append(esc(h.how())).append("</p>"));
                }
                sb.append("</td></tr>\n");
            }
            sb.append("</table></section>\n");
        }
        sb.append("<h2>Criteria</h2>\n<table class=\"criteria\"><tr><th>id</th><th>level</th><th>title</th><th>expected</th><th>source</th></tr>\n");
        for (Criterion c : criteria.values()) {
            sb.append("<tr><td>").append(esc(c.id())).append("</td><td>").append(esc(c.level())).append("</td><td>").append(esc(c.title()))
                    .append("</td><td>").append(esc(c.expect())).append("</td><td>").append(link(c.source(), c.source())).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    private static String shown(Verdict v, boolean scoped) {
        return scoped && v.notCollected() ? "NOT_COLLECTED" : v.status().name();
    }

    /** P, F, W, I, N; C for not collected. */
    private static char initial(String shown) {
        return shown.equals("NOT_COLLECTED") ? 'C' : shown.charAt(0);
    }

    private static String subject(EndpointResult r) {
        return r.domain() != null ? "domain " + r.domain() : r.endpoint().host() + ":" + r.endpoint().port();
    }

    /** {@code text} linked to {@code url} when it is a web address, else plain. */
    private static String link(String url, String text) {
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            return "<a href=\"" + esc(url) + "\">" + esc(text) + "</a>";
        }
        return esc(text);
    }

    private static String esc(String s) {
        return JunitReport.esc(s);
    }
}
