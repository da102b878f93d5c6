package org.tlsverdict.report;

/**
 * A policy diff for a forum post: both policies, warnings, counts per bucket, the criteria that
 * changed with their rule files as {@code diff} blocks, and a table of the verdicts that changed.
 */
final class DiffMarkdown {

    private DiffMarkdown() {
    }

    static String render(DiffReport d) {
        StringBuilder sb = new StringBuilder("### ").append(MarkdownReport.escape(d.from().id() + " " + d.from().version()))
                .append(" → ").append(MarkdownReport.escape(d.to().id() + " " + d.to().version())).append("\n\n`")
                .append(d.from().path()).append("` → `").append(d.to().path()).append("`\n");
        if (d.from().trusted() || d.to().trusted()) {
            sb.append('\n');
            d.trustedLine(sb, "> ");
        }
        d.warnings().forEach(w -> sb.append("\n> **Warning:** ").append(MarkdownReport.escape(w)).append('\n'));
        var s = d.summary();
        sb.append("\n| Verdicts | Count |\n|---|---|\n");
        for (Bucket b : Bucket.values()) {
            sb.append("| ").append(b.label()).append(" | ").append(s.count(b)).append(" |\n");
        }
        sb.append("| **total** | **").append(s.total()).append("** |\n");
        if (!d.criteria().isEmpty()) {
            sb.append("\n#### Criteria\n\n| Criterion | Change | Rule files | Endpoints |\n|---|---|---|---|\n");
            for (DiffReport.CriterionChange c : d.criteria()) {
                sb.append("| ").append(c.criterion()).append(" | ").append(c.change());
                if (c.change().equals("edited")) {
                    appendPair(sb, "level", c.level());
                    appendPair(sb, "expect", c.expect());
                } else if (c.title() != null) {
                    sb.append(": ").append(MarkdownReport.escape(c.title().get(0)));
                }
                sb.append(" | ").append(c.files() == null ? "" : MarkdownReport.escape(String.join(", ", c.files())))
                        .append(" | ").append(MarkdownReport.escape(DiffText.endpoints(c.endpoints()))).append(" |\n");
            }
        }
        for (DiffReport.FileChange f : d.files()) {
            sb.append("\n`").append(f.file()).append("` (").append(f.change()).append(")\n");
            if (f.change().equals("edited")) {
                sb.append("\n```diff\n");
                f.diff().forEach(l -> sb.append(l).append('\n'));
                sb.append("```\n");
            }
        }
        if (!d.changes().isEmpty()) {
            sb.append("\n#### Verdicts\n\n| Bucket | Endpoint | Criterion | Before | After | Now | Because |\n|---|---|---|---|---|---|---|\n");
        }
        for (DiffReport.Change c : d.changes()) {
            sb.append("| ").append(c.bucket().label()).append(" | `").append(c.endpoint()).append("` | ").append(c.criterion()).append(" | ")
                    .append(c.from() == null ? "—" : c.from()).append(" | ").append(c.to() == null ? "—" : c.to()).append(" | ")
                    .append(MarkdownReport.escape(c.toMessage() != null ? c.toMessage() : c.fromMessage())).append(" | ")
                    .append(MarkdownReport.escape(DiffText.because(d, c))).append(" |\n");
        }
        sb.append("\n").append(DiffText.summary(d)).append('\n');
        return sb.toString();
    }

    private static void appendPair(StringBuilder sb, String name, java.util.List<String> values) {
        if (values != null) {
            sb.append("<br>").append(name).append(": ").append(MarkdownReport.escape(values.get(0))).append(" → ")
                    .append(MarkdownReport.escape(values.get(1)));
        }
    }
}
