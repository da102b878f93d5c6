package org.tlsverdict.report;

import java.util.HashMap;
import java.util.Map;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;

/** Renders a verdict report or a policy diff in one of the formats. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Renders a policy diff; SARIF rule metadata comes from {@code to}, the new policy. */
    public static String renderDiff(DiffReport report, CompiledPolicy to, Format format) {
        return switch (format) {
            case json -> org.tlsverdict.facts.FactsCodec.toJson(report);
            case yaml -> org.tlsverdict.facts.FactsCodec.toYaml(report);
            case markdown -> report.markdown();
            case sarif -> SarifReport.renderDiff(report, to);
            case junit -> JunitReport.renderDiff(report);
            case html -> HtmlReport.renderDiff(report);
            case text -> report.text();
        };
    }

    public static String render(VerdictReport report, CompiledPolicy policy, Format format, boolean explain, boolean color) {
        return switch (format) {
            case json -> JsonReport.json(report);
            case yaml -> JsonReport.yaml(report);
            case markdown -> MarkdownReport.render(report, policy.criteria(), explain);
            case sarif -> SarifReport.render(report, policy);
            case junit -> JunitReport.render(report);
            case html -> HtmlReport.render(report, policy.criteria());
            case text -> {
                Map<String, Criterion> byId = new HashMap<>();
                policy.criteria().forEach(c -> byId.put(c.id(), c));
                yield new TextReport(color, explain, byId).render(report);
            }
        };
    }
}
