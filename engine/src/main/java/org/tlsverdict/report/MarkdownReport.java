package org.tlsverdict.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsverdict.policy.CollectHint;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * A forum post (Discourse, GitHub): one compact endpoint x criterion matrix of status icons with
 * an overall column, a legend, the criteria as numbered columns linked to their sources, and what
 * to collect to decide the rest. It stays within a Discourse post (32,000 characters) for 100
 * endpoints of a 17-criterion policy; {@code --explain} adds each endpoint's reasons and evidence
 * in a collapsed {@code <details>} block.
 */
final class MarkdownReport {

    /** The icon of a verdict {@code --only-collected} keeps out of the endpoint status. */
    static final String NOT_COLLECTED_ICON = "📭";

    private MarkdownReport() {
    }

    static String render(VerdictReport report, List<Criterion> policyCriteria, boolean explain) {
        List<Criterion> criteria = columns(report, policyCriteria);
        boolean scoped = report.onlyCollected();
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(escape(report.policy().id())).append(' ').append(escape(report.policy().version())).append("\n\n");
        if (report.policy().trusted()) {
            sb.append("> **").append(VerdictReport.PolicyRef.TRUSTED_NOTE).append("**\n\n");
        }
        sb.append("✅ pass · ❌ fail · ⚠️ warn · ❔ inconclusive (a fact is missing) · ➖ not applicable");
        if (scoped) {
            sb.append(" · ").append(NOT_COLLECTED_ICON).append(" not collected (left out of the overall status)");
        }
        sb.append("\n\n| Endpoint | Overall |");
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            String n = String.valueOf(i + 1);
            sb.append(' ').append(isLink(c.source()) ? "[" + n + "](" + c.source() + ")" : n).append(" |");
        }
        sb.append("\n|---|---|").append("---|".repeat(criteria.size())).append('\n');
        for (EndpointResult r : report.results()) {
            Map<String, Verdict> byId = new LinkedHashMap<>();
            r.verdicts().forEach(v -> byId.put(v.criterion(), v));
            sb.append("| `").append(subject(r)).append("` ").append(escape(r.source())).append(" | ")
                    .append(icon(r.status())).append(" |");
            for (Criterion c : criteria) {
                Verdict v = byId.get(c.id());
                sb.append(' ').append(v == null ? " " : scoped && v.notCollected() ? NOT_COLLECTED_ICON : icon(v.status())).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nCriteria:\n");
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            sb.append(i + 1).append(". ").append(isLink(c.source()) ? "[" + escape(c.id()) + "](" + c.source() + ")" : escape(c.id()))
                    .append(" ").append(escape(c.level())).append(": ").append(escape(c.title())).append('\n');
        }
        Map<CollectHint, Integer> toCollect = new LinkedHashMap<>();
        report.results().forEach(r -> VerdictReport.toCollect(r).forEach(h -> toCollect.merge(h, 1, Integer::sum)));
        if (!toCollect.isEmpty()) {
            sb.append("\nTo decide the rest, collect:\n");
            toCollect.forEach((h, n) -> sb.append("- ").append(escape(h.fact())).append(": ").append(escape(h.how()))
                    .append(" (").append(n).append(n == 1 ? " endpoint" : " endpoints").append(")\n"));
        }
        var s = report.summary();
        sb.append("\n").append(s.endpoints()).append(" endpoint(s): ").append(s.fail()).append(" fail, ")
                .append(s.inconclusive()).append(" inconclusive, ").append(s.warn()).append(" warn, ")
                .append(s.pass()).append(" pass, ").append(s.notApplicable()).append(" not applicable")
                .append(s.notCollected() == null ? "" : " (" + s.notCollected() + " of the inconclusive not collected)").append('\n');
        if (explain) {
            sb.append('\n');
            report.results().forEach(r -> details(sb, r, scoped));
        }
        return sb.toString();
    }

    /** The policy's criteria in its order, then any criterion only the verdicts name. */
    private static List<Criterion> columns(VerdictReport report, List<Criterion> policyCriteria) {
        Map<String, Criterion> out = new LinkedHashMap<>();
        policyCriteria.forEach(c -> out.put(c.id(), c));
        report.results().forEach(r -> r.verdicts().forEach(v -> out.computeIfAbsent(v.criterion(),
                id -> new Criterion(id, v.title(), v.level(), null, v.expected(), null, null, null, null, null, null))));
        return new ArrayList<>(out.values());
    }

    /** An endpoint's verdicts with reasons and evidence, collapsed. */
    private static void details(StringBuilder sb, EndpointResult r, boolean scoped) {
        sb.append("<details><summary><code>").append(html(subject(r))).append("</code> ").append(html(r.source())).append(" — ")
                .append(r.status()).append("</summary>\n\n| Criterion | Status | Observed |\n|---|---|---|\n");
        for (Verdict v : r.verdicts()) {
            String status = scoped && v.notCollected() ? "NOT_COLLECTED" : v.status().name();
            sb.append("| ").append(escape(v.criterion())).append(": ").append(escape(v.title())).append(" | ")
                    .append(scoped && v.notCollected() ? NOT_COLLECTED_ICON : icon(v.status())).append(' ').append(status).append(" | ")
                    .append(escape(v.message()));
            for (Evidence e : v.evidence()) {
                sb.append("<br>• ").append(escape(e.observed()));
                if (e.raw() != null) {
                    sb.append(" <code>").append(html(escape(e.raw()))).append("</code>");
                }
            }
            if (v.collect() != null) {
                v.collect().forEach(h -> sb.append("<br>→ collect ").append(escape(h.describe())));
            }
            sb.append(" |\n");
        }
        sb.append("\n</details>\n\n");
    }

    private static String subject(EndpointResult r) {
        return r.domain() != null ? "domain " + r.domain() : r.endpoint().host() + ":" + r.endpoint().port();
    }

    private static boolean isLink(String source) {
        return source != null && (source.startsWith("https://") || source.startsWith("http://"));
    }

    private static String icon(Status s) {
        return switch (s) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case INCONCLUSIVE -> "❔";
            case NOT_APPLICABLE -> "➖";
        };
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String html(String s) {
        return JunitReport.esc(s);
    }
}
