package org.tlsverdict.report;

import java.util.List;
import java.util.Locale;
import org.tlsverdict.policy.CollectHint;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/** Terminal table, one block per endpoint; colour only when writing to a terminal. */
final class TextReport {

    /** How {@code --only-collected} labels a verdict that is INCONCLUSIVE for want of facts the input does not hold. */
    static final String NOT_COLLECTED = "NOT_COLLECTED";

    private final boolean color;
    private final boolean explain;
    private final java.util.Map<String, Criterion> criteria;

    TextReport(boolean color, boolean explain, java.util.Map<String, Criterion> criteria) {
        this.color = color;
        this.explain = explain;
        this.criteria = criteria;
    }

    String render(VerdictReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("policy ").append(report.policy().id()).append(' ').append(report.policy().version())
                .append(" (").append(report.policy().path()).append(")\n");
        if (report.policy().trusted()) {
            sb.append(VerdictReport.PolicyRef.TRUSTED_NOTE).append('\n');
        }
        int idWidth = 10;
        for (EndpointResult r : report.results()) {
            for (Verdict v : r.verdicts()) {
                idWidth = Math.max(idWidth, v.criterion().length());
            }
        }
        for (EndpointResult r : report.results()) {
            sb.append('\n').append(r.endpoint().host()).append(':').append(r.endpoint().port())
                    .append(r.domain() != null ? " (mail domain, no MX endpoint in the facts)"
                            : " (" + r.endpoint().service() + ", " + r.endpoint().transport() + ")")
                    .append("  ").append(r.source()).append("  ").append(paint(r.status()));
            long notCollected = r.verdicts().stream().filter(Verdict::notCollected).count();
            if (report.onlyCollected() && notCollected > 0) {
                sb.append(" on the collected facts (").append(notCollected).append(" criteria not collected)");
            }
            sb.append('\n');
            for (Verdict v : r.verdicts()) {
                String label = report.onlyCollected() && v.notCollected() ? NOT_COLLECTED : v.status().name();
                sb.append("  ").append(report.onlyCollected() && v.notCollected() ? label : paint(v.status()))
                        .append(" ".repeat(Math.max(1, 15 - label.length())))
                        .append(String.format(Locale.ROOT, "%-" + idWidth + "s", v.criterion())).append("  ")
                        .append(v.message()).append('\n');
                if (v.collect() != null) {
                    // The how of each fact once per endpoint below; --explain repeats it here.
                    String pad = " ".repeat(17 + idWidth);
                    v.collect().forEach(h -> sb.append(pad).append("-> not collected: ")
                            .append(explain ? h.describe() : h.fact()).append('\n'));
                }
                if (explain) {
                    explain(sb, v);
                }
            }
            List<CollectHint> rest = VerdictReport.toCollect(r);
            if (!rest.isEmpty()) {
                sb.append("  to decide the rest, collect:\n");
                rest.forEach(h -> sb.append("    - ").append(h.describe()).append('\n'));
            }
        }
        var s = report.summary();
        sb.append('\n').append(s.endpoints()).append(" endpoint(s): ").append(s.fail()).append(" fail, ")
                .append(s.inconclusive()).append(" inconclusive, ").append(s.warn()).append(" warn, ")
                .append(s.pass()).append(" pass, ").append(s.notApplicable()).append(" not applicable")
                .append(s.notCollected() == null ? "" : " (" + s.notCollected() + " of the inconclusive not collected)").append('\n');
        if (report.errors() != null) {
            report.errors().forEach(e -> sb.append("error: ").append(e.message()).append('\n'));
        }
        return sb.toString();
    }

    private void explain(StringBuilder sb, Verdict v) {
        String pad = "                ";
        sb.append(pad).append(v.title()).append(" [").append(v.level()).append("]\n");
        Criterion c = criteria.get(v.criterion());
        if (c != null) {
            sb.append(pad).append("rule file: ").append(c.file()).append("; source: ").append(c.source()).append('\n');
        }
        if (v.expected() != null) {
            sb.append(pad).append("expected: ").append(v.expected()).append('\n');
        }
        if (!v.rules().isEmpty()) {
            sb.append(pad).append("decided by: ").append(String.join(", ", v.rules())).append('\n');
        }
        for (Evidence e : v.evidence()) {
            sb.append(pad).append("- ").append(e.observed());
            if (e.collector() != null || e.source() != null) {
                sb.append("  <- ").append(e.collector() == null ? "" : e.collector())
                        .append(e.source() == null ? "" : " " + e.source())
                        .append(e.raw() == null ? "" : " [" + e.raw() + "]");
            }
            sb.append('\n');
        }
    }

    private String paint(Status s) {
        if (!color) {
            return s.name();
        }
        String code = switch (s) {
            case PASS -> "32";
            case FAIL -> "31";
            case WARN -> "33";
            case INCONCLUSIVE -> "35";
            case NOT_APPLICABLE -> "90";
        };
        return "\u001b[" + code + "m" + s.name() + "\u001b[0m";
    }
}
