package org.tlsverdict.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * SARIF 2.1.0 for code-scanning pipelines: one result per failing (error) or warning criterion,
 * located at the input file; rule metadata from the criteria in {@code tool.driver.rules}.
 */
final class SarifReport {

    private SarifReport() {
    }

    static String render(VerdictReport report, CompiledPolicy policy) {
        ObjectNode root = FactsCodec.json().createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "tlsverdict");
        driver.put("informationUri", "https://github.com/tlsverdict/tlsverdict");
        driver.put("semanticVersion", org.tlsverdict.policy.EngineVersion.version().replace("dev", "0.0.0-dev"));
        ArrayNode rules = driver.putArray("rules");
        for (Criterion c : policy.criteria()) {
            ObjectNode r = rules.addObject();
            r.put("id", c.id());
            r.put("name", c.rule());
            r.putObject("shortDescription").put("text", c.title());
            if (c.expect() != null) {
                r.putObject("fullDescription").put("text", c.expect());
            }
            if (c.source() != null && c.source().startsWith("http")) {
                r.put("helpUri", c.source());
            }
            r.putObject("defaultConfiguration").put("level", c.level().startsWith("SHOULD") || c.level().equals("MAY") ? "warning" : "error");
            r.putObject("properties").put("level", c.level()).put("file", c.file());
        }
        ArrayNode results = run.putArray("results");
        for (EndpointResult e : report.results()) {
            for (Verdict v : e.verdicts()) {
                if (v.status() != Status.FAIL && v.status() != Status.WARN) {
                    continue;
                }
                ObjectNode r = results.addObject();
                r.put("ruleId", v.criterion());
                r.put("level", v.status() == Status.FAIL ? "error" : "warning");
                r.putObject("message").put("text", e.endpoint().host() + ":" + e.endpoint().port() + ": " + v.message());
                ObjectNode loc = r.putArray("locations").addObject();
                loc.putObject("physicalLocation").putObject("artifactLocation").put("uri", e.source());
                loc.putArray("logicalLocations").addObject().put("name", e.endpoint().host() + ":" + e.endpoint().port())
                        .put("kind", "endpoint");
                r.putObject("partialFingerprints").put("endpointCriterion",
                        e.endpoint().host() + ":" + e.endpoint().port() + "/" + v.criterion());
            }
        }
        return FactsCodec.toJson(root);
    }
}
