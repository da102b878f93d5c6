package org.tlsverdict.report;

import java.util.List;
import java.util.Locale;

/**
 * A policy diff for the terminal: header with both policies, warnings, the criteria that changed
 * with the rule files behind them, each changed rule file once as a unified diff, every verdict
 * that is not unchanged under its bucket's label, and the counts per bucket.
 */
final class DiffText {

    /** Endpoints listed under a criterion before "and N more". */
    private static final int ENDPOINTS_SHOWN = 8;

    private DiffText() {
    }

    static String render(DiffReport d) {
        StringBuilder sb = new StringBuilder(header(d)).append('\n');
        d.trustedLine(sb, "");
        d.warnings().forEach(w -> sb.append("warning: ").append(w).append('\n'));
        if (!d.criteria().isEmpty()) {
            sb.append("\ncriteria\n");
        }
        for (DiffReport.CriterionChange c : d.criteria()) {
            sb.append("  ").append(c.criterion()).append(' ').append(c.change());
            if (!c.change().equals("edited") && c.title() != null) {
                sb.append(": ").append(c.title().get(0));
            }
            sb.append('\n');
            if (c.change().equals("edited")) {
                pair(sb, "title", c.title());
                pair(sb, "level", c.level());
                pair(sb, "expect", c.expect());
            }
            if (c.files() != null && !c.files().isEmpty()) {
                sb.append("    files: ").append(String.join(", ", c.files())).append('\n');
            }
            sb.append("    endpoints: ").append(endpoints(c.endpoints())).append('\n');
        }
        if (!d.files().isEmpty()) {
            sb.append("\nrule files\n");
        }
        for (DiffReport.FileChange f : d.files()) {
            sb.append("  ").append(f.file()).append(" (").append(f.change());
            if (!f.change().equals("edited")) {
                sb.append(", ").append(f.diff().stream().filter(l -> l.startsWith("+") || l.startsWith("-")).count() - 2).append(" lines)\n");
                continue;
            }
            sb.append(")\n");
            f.diff().forEach(l -> sb.append("    ").append(l).append('\n'));
        }
        if (!d.changes().isEmpty()) {
            sb.append("\nverdicts\n");
        }
        for (DiffReport.Change c : d.changes()) {
            sb.append(String.format(Locale.ROOT, "%-21s", c.bucket().label())).append(c.endpoint()).append(' ').append(c.criterion())
                    .append(": ").append(c.move()).append("  [").append(c.source()).append("]\n");
            if (c.fromMessage() != null) {
                sb.append("    was: ").append(c.fromMessage()).append('\n');
            }
            if (c.toMessage() != null) {
                sb.append("    now: ").append(c.toMessage()).append('\n');
            }
            sb.append("    because: ").append(because(d, c)).append('\n');
            c.evidence().stream().limit(5).forEach(e -> sb.append("    - ").append(e.observed())
                    .append(e.raw() == null ? "" : "  [" + e.raw() + "]").append('\n'));
        }
        sb.append('\n').append(summary(d)).append('\n');
        if (d.errors() != null) {
            d.errors().forEach(e -> sb.append("error: ").append(e.message()).append('\n'));
        }
        return sb.toString();
    }

    static String header(DiffReport d) {
        return "diff " + d.from().id() + " " + d.from().version() + " (" + d.from().path() + ") -> " + d.to().id() + " "
                + d.to().version() + " (" + d.to().path() + ")";
    }

    /** "rule files: a.drl (edited), b.drl (added)", or that the facts were derived differently. */
    static String because(DiffReport d, DiffReport.Change c) {
        if (c.files() == null || c.files().isEmpty()) {
            return "the facts were derived differently (no rule file of this criterion changed)";
        }
        List<String> named = new java.util.ArrayList<>();
        for (String f : c.files()) {
            String change = d.files().stream().filter(x -> x.file().equals(f)).map(DiffReport.FileChange::change).findFirst().orElse("edited");
            named.add(f + " (" + change + ")");
        }
        return "rule files: " + String.join(", ", named);
    }

    /** The counts of every bucket, which add up to the total, and the criteria counts. */
    static String summary(DiffReport d) {
        var s = d.summary();
        StringBuilder sb = new StringBuilder().append(s.total()).append(" verdicts: ");
        for (Bucket b : Bucket.values()) {
            sb.append(s.count(b)).append(' ').append(b.label()).append(b == Bucket.UNCHANGED ? "" : ", ");
        }
        return sb.append("; criteria: ").append(s.criteriaAdded()).append(" added, ").append(s.criteriaRemoved()).append(" removed, ")
                .append(s.criteriaEdited()).append(" edited").toString();
    }

    static String endpoints(List<String> endpoints) {
        if (endpoints == null || endpoints.isEmpty()) {
            return "no verdict changed";
        }
        String shown = String.join(", ", endpoints.subList(0, Math.min(ENDPOINTS_SHOWN, endpoints.size())));
        return endpoints.size() > ENDPOINTS_SHOWN ? shown + " and " + (endpoints.size() - ENDPOINTS_SHOWN) + " more" : shown;
    }

    private static void pair(StringBuilder sb, String name, List<String> values) {
        if (values != null) {
            sb.append("    ").append(name).append(": ").append(values.get(0)).append(" -> ").append(values.get(1)).append('\n');
        }
    }
}
