package org.tlsverdict.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tlsverdict.policy.Status;

/**
 * Renders a {@link ProviderReport}: text for a terminal, Markdown for a forum post (kept under the
 * 32,000 characters Discourse allows by shortening the reasons first), JSON and YAML. Both tables
 * put criteria in rows and endpoints in columns (then the domain), so a provider with many
 * criteria stays narrow enough to read.
 */
public final class ProviderTables {

    /** Discourse's default maximum post length. */
    public static final int FORUM_POST_LIMIT = 32_000;

    private ProviderTables() {
    }

    public static String render(ProviderReport report, Format format) {
        return switch (format) {
            case json -> org.tlsverdict.facts.FactsCodec.toJson(report);
            case yaml -> org.tlsverdict.facts.FactsCodec.toYaml(report);
            case markdown -> markdown(report);
            case text -> text(report);
            default -> throw new IllegalArgumentException("check writes text, markdown, json or yaml, not " + format);
        };
    }

    static String text(ProviderReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("policy ").append(report.policy().id()).append(' ').append(report.policy().version()).append('\n');
        for (ProviderReport.Provider p : report.providers()) {
            sb.append('\n').append(p.domain()).append(": ").append(p.status()).append('\n');
            List<ProviderReport.Row> rows = p.endpoints();
            for (int i = 0; i < rows.size(); i++) {
                ProviderReport.Row r = rows.get(i);
                sb.append(String.format(Locale.ROOT, "  [%d] %-11s %s (%s, found by %s)%s%n", i + 1, r.service(), r.label(),
                        r.transport(), String.join("+", r.foundBy()),
                        r.unreachable() != null ? ": not scanned: " + r.unreachable() : ": " + r.status()));
            }
            if (!p.domainVerdicts().isEmpty()) {
                sb.append("  [D] ").append(p.domain()).append(" (domain facts: DNSSEC, DANE, MTA-STS, ...)\n");
            }
            int idWidth = Math.max(9, p.criteria().stream().mapToInt(String::length).max().orElse(9));
            sb.append('\n').append(String.format(Locale.ROOT, "  %-" + idWidth + "s", "criterion"));
            for (int i = 0; i < rows.size(); i++) {
                sb.append(String.format(Locale.ROOT, " %-5s", "[" + (i + 1) + "]"));
            }
            if (!p.domainVerdicts().isEmpty()) {
                sb.append(" [D]");
            }
            sb.append('\n');
            for (String c : p.criteria()) {
                sb.append(String.format(Locale.ROOT, "  %-" + idWidth + "s", c));
                for (ProviderReport.Row r : rows) {
                    sb.append(String.format(Locale.ROOT, " %-5s", shortStatus(r.verdicts().get(c))));
                }
                if (!p.domainVerdicts().isEmpty()) {
                    sb.append(' ').append(shortStatus(p.domainVerdicts().get(c)));
                }
                sb.append('\n');
            }
            sb.append("  (.: judged on the domain row [D]; n/a: not applicable; INC: inconclusive)\n");
            ProviderReport.Summary s = p.summary();
            sb.append("\n  met wherever it applies: ").append(s.metByAll().isEmpty() ? "none" : String.join(", ", s.metByAll())).append('\n');
            if (!s.notApplicable().isEmpty()) {
                sb.append("  not applicable anywhere: ").append(String.join(", ", s.notApplicable())).append('\n');
            }
            for (ProviderReport.Shortfall f : s.shortfalls()) {
                sb.append("  ").append(f.criterion()).append(" (").append(f.title()).append("):\n");
                for (ProviderReport.Miss m : f.endpoints()) {
                    sb.append("    ").append(m.status()).append(' ').append(m.endpoint()).append(": ").append(oneLine(m.message(), 300)).append('\n');
                }
            }
            if (!p.findings().isEmpty()) {
                sb.append("\n  discovery:\n");
                p.findings().forEach(f -> sb.append("    ").append(oneLine(f, 400)).append('\n'));
            }
        }
        return sb.toString();
    }

    static String markdown(ProviderReport report) {
        // Reasons are the part that can grow; shorten them until the post fits.
        for (int reason : new int[] {300, 120, 60, 0}) {
            String md = markdown(report, reason);
            if (md.length() < FORUM_POST_LIMIT) {
                return md;
            }
        }
        String md = markdown(report, 0);
        String note = "\n\n*(cut to fit a forum post; run with `--format json` for everything)*\n";
        return md.substring(0, FORUM_POST_LIMIT - note.length() - 1) + note;
    }

    private static String markdown(ProviderReport report, int reason) {
        StringBuilder sb = new StringBuilder();
        for (ProviderReport.Provider p : report.providers()) {
            sb.append("### ").append(MarkdownReport.escape(p.domain())).append(" — **").append(p.status()).append("** (")
                    .append(MarkdownReport.escape(report.policy().id())).append(' ').append(MarkdownReport.escape(report.policy().version()))
                    .append(")\n\n");
            List<ProviderReport.Row> rows = p.endpoints();
            sb.append("| Criterion |");
            for (ProviderReport.Row r : rows) {
                sb.append(' ').append(r.service()).append("<br>`").append(r.label()).append("`<br>").append(String.join("+", r.foundBy())).append(" |");
            }
            if (!p.domainVerdicts().isEmpty()) {
                sb.append(" domain |");
            }
            sb.append("\n|---|");
            sb.append("---|".repeat(rows.size() + (p.domainVerdicts().isEmpty() ? 0 : 1))).append('\n');
            for (String c : p.criteria()) {
                sb.append("| ").append(MarkdownReport.escape(c)).append(" |");
                for (ProviderReport.Row r : rows) {
                    sb.append(' ').append(icon(r.verdicts().get(c))).append(" |");
                }
                if (!p.domainVerdicts().isEmpty()) {
                    sb.append(' ').append(icon(p.domainVerdicts().get(c))).append(" |");
                }
                sb.append('\n');
            }
            sb.append("| **overall** |");
            for (ProviderReport.Row r : rows) {
                sb.append(" **").append(r.unreachable() != null ? "not scanned" : r.status().toString()).append("** |");
            }
            if (!p.domainVerdicts().isEmpty()) {
                Status d = p.domainVerdicts().values().stream().reduce(Status.NOT_APPLICABLE, Status::worst);
                sb.append(" **").append(d).append("** |");
            }
            sb.append("\n\n✅ pass ❌ fail ⚠️ warn ❔ inconclusive ➖ not applicable · blank: judged in the domain column\n\n");
            ProviderReport.Summary s = p.summary();
            sb.append("**Met wherever it applies:** ").append(s.metByAll().isEmpty() ? "none" : String.join(", ", s.metByAll())).append("\n\n");
            if (!s.shortfalls().isEmpty()) {
                sb.append("**Not met everywhere:**\n\n");
                for (ProviderReport.Shortfall f : s.shortfalls()) {
                    sb.append("- ").append(MarkdownReport.escape(f.criterion())).append(" (").append(MarkdownReport.escape(f.title())).append("): ");
                    List<String> parts = new ArrayList<>();
                    for (ProviderReport.Miss m : f.endpoints()) {
                        parts.add("`" + m.endpoint() + "` " + m.status()
                                + (reason > 0 ? " — " + MarkdownReport.escape(oneLine(m.message(), reason)) : ""));
                    }
                    sb.append(String.join("; ", parts)).append('\n');
                }
                sb.append('\n');
            }
            List<String> unreachable = rows.stream().filter(r -> r.unreachable() != null)
                    .map(r -> "`" + r.label() + "`: " + MarkdownReport.escape(oneLine(r.unreachable(), Math.max(reason, 80)))).toList();
            if (!unreachable.isEmpty()) {
                sb.append("**Not scanned:** ").append(String.join("; ", unreachable)).append("\n\n");
            }
            if (!p.findings().isEmpty()) {
                sb.append("**Discovery:**\n\n");
                p.findings().forEach(f -> sb.append("- ").append(MarkdownReport.escape(oneLine(f, Math.max(reason, 100)))).append('\n'));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String shortStatus(Status s) {
        if (s == null) {
            return ".";
        }
        return switch (s) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case WARN -> "WARN";
            case INCONCLUSIVE -> "INC";
            case NOT_APPLICABLE -> "n/a";
        };
    }

    private static String icon(Status s) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case INCONCLUSIVE -> "❔";
            case NOT_APPLICABLE -> "➖";
        };
    }

    private static String oneLine(String s, int max) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return t.length() > max ? t.substring(0, Math.max(0, max - 3)) + "..." : t;
    }
}
