package org.tlsverdict.report;

import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/** A table per endpoint that pastes into a forum post (Discourse, GitHub). */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(VerdictReport report, boolean explain) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(escape(report.policy().id())).append(' ').append(escape(report.policy().version())).append("\n");
        if (report.policy().trusted()) {
            sb.append("\n> **").append(VerdictReport.PolicyRef.TRUSTED_NOTE).append("**\n");
        }
        for (EndpointResult r : report.results()) {
            sb.append("\n#### `").append(r.endpoint().host()).append(':').append(r.endpoint().port()).append("` (")
                    .append(r.domain() != null ? "mail domain, no MX endpoint in the facts"
                            : r.endpoint().service() + ", " + r.endpoint().transport()).append(") — **")
                    .append(r.status()).append("**\n\n");
            sb.append("| Criterion | Level | Status | Observed |\n|---|---|---|---|\n");
            for (Verdict v : r.verdicts()) {
                sb.append("| ").append(escape(v.criterion())).append(": ").append(escape(v.title())).append(" | ")
                        .append(v.level()).append(" | ").append(icon(v.status())).append(' ').append(v.status()).append(" | ")
                        .append(escape(v.message()));
                if (explain && !v.evidence().isEmpty()) {
                    sb.append("<br>");
                    v.evidence().forEach(e -> sb.append("<br>• ").append(escape(e.observed())));
                }
                sb.append(" |\n");
            }
        }
        var s = report.summary();
        sb.append("\n").append(s.endpoints()).append(" endpoint(s): ").append(s.fail()).append(" fail, ")
                .append(s.inconclusive()).append(" inconclusive, ").append(s.warn()).append(" warn, ")
                .append(s.pass()).append(" pass, ").append(s.notApplicable()).append(" not applicable\n");
        return sb.toString();
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
}
