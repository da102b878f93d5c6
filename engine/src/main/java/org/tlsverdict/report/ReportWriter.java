package org.tlsverdict.report;

import java.util.HashMap;
import java.util.Map;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;

/** Renders a verdict report in one of the formats. */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static String render(VerdictReport report, CompiledPolicy policy, Format format, boolean explain, boolean color) {
        return switch (format) {
            case json -> JsonReport.json(report);
            case yaml -> JsonReport.yaml(report);
            case markdown -> MarkdownReport.render(report, explain);
            case sarif -> SarifReport.render(report, policy);
            case junit -> JunitReport.render(report);
            case html -> HtmlReport.render(report);
            case text -> {
                Map<String, Criterion> byId = new HashMap<>();
                policy.criteria().forEach(c -> byId.put(c.id(), c));
                yield new TextReport(color, explain, byId).render(report);
            }
        };
    }
}
