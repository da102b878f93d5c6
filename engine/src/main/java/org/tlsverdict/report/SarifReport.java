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
 * located at the input file; rule metadata from the criteria in {@code tool.driver.rules}. Policy
 * diffs use the same layout with one result per changed criterion.
 */
final class SarifReport {

    private SarifReport() {
    }

    static String render(VerdictReport report, CompiledPolicy policy) {
        ObjectNode root = document(policy);
        ArrayNode results = (ArrayNode) root.path("runs").get(0).path("results");
        for (EndpointResult e : report.results()) {
            for (Verdict v : e.verdicts()) {
                if (v.status() != Status.FAIL && v.status() != Status.WARN) {
                    continue;
                }
                String endpoint = e.endpoint().host() + ":" + e.endpoint().port();
                result(results, v.criterion(), v.status() == Status.FAIL ? "error" : "warning", endpoint, e.source(),
                        endpoint + ": " + v.message());
            }
        }
        return FactsCodec.toJson(root);
    }

    /**
     * A policy diff: one result per changed criterion of an endpoint, {@code error} when it became
     * FAIL, {@code note} when it became PASS, {@code warning} otherwise; rules are the new policy's.
     */
    static String renderDiff(DiffReport diff, CompiledPolicy to) {
        ObjectNode root = document(to);
        ArrayNode results = (ArrayNode) root.path("runs").get(0).path("results");
        for (DiffReport.Change c : diff.changes()) {
            String level = c.newlyFailing() ? "error" : c.newlyPassing() ? "note" : "warning";
            ObjectNode r = result(results, c.criterion(), level, c.endpoint(), c.source(), c.endpoint() + ": "
                    + (c.from() == null ? "(new)" : c.from()) + " -> " + c.to() + ": " + c.toMessage());
            ObjectNode props = r.putObject("properties");
            props.put("from", c.from() == null ? null : c.from().name()).put("to", c.to().name());
            if (c.fromMessage() != null) {
                props.put("fromMessage", c.fromMessage());
            }
        }
        return FactsCodec.toJson(root);
    }

    /** The SARIF skeleton with the policy's criteria as {@code tool.driver.rules} and an empty results list. */
    private static ObjectNode document(CompiledPolicy policy) {
        ObjectNode root = FactsCodec.json().createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "tlsverdict");
        driver.put("informationUri", "https://github.com/tlsverdict/tlsverdict");
        driver.put("semanticVersion", org.tlsverdict.policy.EngineVersion.version().replace("dev", "0.0.0-dev"));
        ArrayNode rules = driver.putArray("rules");
        if (policy.trustedRules()) {
            run.putObject("properties").put("trustedRules", true).put("note", VerdictReport.PolicyRef.TRUSTED_NOTE);
        }
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
        run.putArray("results");
        return root;
    }

    /** One result located at the input file and, logically, at the endpoint. */
    private static ObjectNode result(ArrayNode results, String criterion, String level, String endpoint, String source, String text) {
        ObjectNode r = results.addObject();
        r.put("ruleId", criterion);
        r.put("level", level);
        r.putObject("message").put("text", text);
        ObjectNode loc = r.putArray("locations").addObject();
        loc.putObject("physicalLocation").putObject("artifactLocation").put("uri", source);
        loc.putArray("logicalLocations").addObject().put("name", endpoint).put("kind", "endpoint");
        r.putObject("partialFingerprints").put("endpointCriterion", endpoint + "/" + criterion);
        return r;
    }
}
