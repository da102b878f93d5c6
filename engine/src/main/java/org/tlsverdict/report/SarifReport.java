package org.tlsverdict.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.policy.CollectHint;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.Verdict;

/**
 * SARIF 2.1.0 for code-scanning pipelines: one result per FAIL, WARN or INCONCLUSIVE verdict, at
 * the line of the input where its evidence was read (when known), the input as a relative,
 * percent-encoded URI; rule metadata and help from the criteria in {@code tool.driver.rules}; an
 * invocation whose notifications list the inputs that could not be read. Policy diffs use the
 * same layout with one result per changed criterion.
 */
final class SarifReport {

    static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The base the relative artifact URIs resolve against: the folder tlsverdict ran in (the repository in CI). */
    static final String BASE = "%SRCROOT%";

    private SarifReport() {
    }

    static String render(VerdictReport report, CompiledPolicy policy) {
        ObjectNode root = document(policy, report.errors());
        ObjectNode run = (ObjectNode) root.path("runs").get(0);
        ArrayNode results = (ArrayNode) run.path("results");
        Map<String, Integer> ruleIndex = ruleIndex(policy);
        InputLocation locations = new InputLocation();
        for (EndpointResult e : report.results()) {
            for (Verdict v : e.verdicts()) {
                String level = level(v);
                if (level == null) {
                    continue;
                }
                String endpoint = e.endpoint().host() + ":" + e.endpoint().port();
                StringBuilder text = new StringBuilder(endpoint).append(": ").append(v.status()).append(": ").append(v.message());
                if (v.collect() != null) {
                    text.append(". To decide it, collect: ")
                            .append(String.join("; ", v.collect().stream().map(CollectHint::describe).toList()));
                }
                ObjectNode r = result(results, v.criterion(), level, endpoint, e.source(), text.toString(),
                        locations.line(e.source(), v.evidence()));
                if (ruleIndex.containsKey(v.criterion())) {
                    r.put("ruleIndex", ruleIndex.get(v.criterion()));
                }
                ObjectNode props = r.putObject("properties");
                props.put("status", v.status().name()).put("criterionLevel", v.level());
                if (v.collect() != null) {
                    props.set("collect", FactsCodec.json().valueToTree(v.collect()));
                }
                if (!v.evidence().isEmpty()) {
                    ArrayNode observed = props.putArray("evidence");
                    v.evidence().stream().limit(10).map(Evidence::observed).forEach(observed::add);
                }
            }
        }
        return FactsCodec.toJson(root);
    }

    /** MUST and MUST_NOT criteria declare {@code error}; SHOULD, SHOULD_NOT and MAY {@code warning}. */
    static String ruleLevel(String criterionLevel) {
        return "MUST".equals(criterionLevel) || "MUST_NOT".equals(criterionLevel) ? "error" : "warning";
    }

    /**
     * A verdict's result level: a FAIL at its criterion's level, WARN a warning, INCONCLUSIVE a
     * note (collect more facts); PASS and NOT_APPLICABLE give no result.
     */
    static String level(Verdict v) {
        return switch (v.status()) {
            case FAIL -> ruleLevel(v.level());
            case WARN -> "warning";
            case INCONCLUSIVE -> "note";
            case PASS, NOT_APPLICABLE -> null;
        };
    }

    /**
     * A policy diff: one result per endpoint x criterion that is not unchanged, {@code error} when
     * it became FAIL, {@code note} when it became PASS or was removed, {@code warning} otherwise;
     * rules are the new policy's, plus the removed criteria. The run's {@code properties} carry
     * both policies, the warnings, the counts per bucket, the changed criteria and the rule-file diffs.
     */
    static String renderDiff(DiffReport diff, CompiledPolicy to) {
        ObjectNode root = document(to, diff.errors());
        ObjectNode run = (ObjectNode) root.path("runs").get(0);
        ArrayNode rules = (ArrayNode) run.path("tool").path("driver").path("rules");
        for (DiffReport.CriterionChange c : diff.criteria()) {
            if (c.change().equals("removed")) {
                ObjectNode r = rules.addObject();
                r.put("id", c.criterion());
                r.putObject("shortDescription").put("text", c.title() == null ? c.criterion() : c.title().get(0));
                r.putObject("properties").put("removed", true);
            }
        }
        ArrayNode results = (ArrayNode) run.path("results");
        for (DiffReport.Change c : diff.changes()) {
            String level = c.newlyFailing() ? "error"
                    : c.bucket() == Bucket.NEWLY_PASSING || c.bucket() == Bucket.REMOVED ? "note" : "warning";
            ObjectNode r = result(results, c.criterion(), level, c.endpoint(), c.source(), c.endpoint() + ": " + c.bucket().label()
                    + ": " + c.move() + ": " + (c.toMessage() != null ? c.toMessage() : c.fromMessage()) + " (" + DiffText.because(diff, c) + ")", null);
            ObjectNode props = r.putObject("properties");
            props.put("bucket", c.bucket().key());
            props.put("from", c.from() == null ? null : c.from().name()).put("to", c.to() == null ? null : c.to().name());
            if (c.fromMessage() != null) {
                props.put("fromMessage", c.fromMessage());
            }
            props.set("files", FactsCodec.json().valueToTree(c.files() == null ? java.util.List.of() : c.files()));
            props.put("derived", Boolean.TRUE.equals(c.derived()));
        }
        ObjectNode props = run.putObject("properties");
        props.set("from", FactsCodec.json().valueToTree(diff.from()));
        props.set("to", FactsCodec.json().valueToTree(diff.to()));
        props.set("warnings", FactsCodec.json().valueToTree(diff.warnings()));
        props.set("summary", FactsCodec.json().valueToTree(diff.summary()));
        props.set("criteria", FactsCodec.json().valueToTree(diff.criteria()));
        props.set("files", FactsCodec.json().valueToTree(diff.files()));
        return FactsCodec.toJson(root);
    }

    private static Map<String, Integer> ruleIndex(CompiledPolicy policy) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < policy.criteria().size(); i++) {
            out.put(policy.criteria().get(i).id(), i);
        }
        return out;
    }

    /**
     * The SARIF skeleton: the policy's criteria as {@code tool.driver.rules}, one invocation (not
     * successful when an input could not be read, each such input a notification) and an empty
     * results list.
     */
    private static ObjectNode document(CompiledPolicy policy, List<VerdictReport.InputError> errors) {
        ObjectNode root = FactsCodec.json().createObjectNode();
        root.put("$schema", SCHEMA_URI);
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
            r.set("help", help(c));
            r.putObject("defaultConfiguration").put("level", ruleLevel(c.level()));
            r.putObject("properties").put("level", c.level()).put("file", c.file());
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", errors == null || errors.isEmpty());
        if (errors != null && !errors.isEmpty()) {
            ArrayNode notes = invocation.putArray("toolExecutionNotifications");
            for (VerdictReport.InputError e : errors) {
                ObjectNode n = notes.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", e.message());
                n.putArray("locations").addObject().putObject("physicalLocation").putObject("artifactLocation")
                        .put("uri", InputLocation.uri(e.source())).put("uriBaseId", BASE);
            }
        }
        run.putArray("results");
        return root;
    }

    /** {@code help}: the threshold, the rationale and the source of a criterion, as text and Markdown. */
    private static ObjectNode help(Criterion c) {
        StringBuilder text = new StringBuilder();
        StringBuilder md = new StringBuilder();
        text.append(c.title()).append(" [").append(c.level()).append("]");
        md.append("**").append(c.title()).append("** (").append(c.level()).append(")");
        if (c.expect() != null) {
            text.append("\nExpected: ").append(c.expect());
            md.append("\n\nExpected: ").append(c.expect());
        }
        if (c.rationale() != null) {
            text.append("\nWhy: ").append(c.rationale());
            md.append("\n\nWhy: ").append(c.rationale());
        }
        if (c.source() != null) {
            text.append("\nSource: ").append(c.source());
            md.append("\n\nSource: ").append(c.source().startsWith("http") ? "<" + c.source() + ">" : c.source());
        }
        text.append("\nRule file: ").append(c.file());
        md.append("\n\nRule file: `").append(c.file()).append('`');
        ObjectNode help = FactsCodec.json().createObjectNode();
        help.put("text", text.toString());
        help.put("markdown", md.toString());
        return help;
    }

    /** One result located at the input file (and line, when known) and, logically, at the endpoint. */
    private static ObjectNode result(ArrayNode results, String criterion, String level, String endpoint, String source, String text,
                                     Integer line) {
        ObjectNode r = results.addObject();
        r.put("ruleId", criterion);
        r.put("level", level);
        r.putObject("message").put("text", text);
        ObjectNode loc = r.putArray("locations").addObject();
        ObjectNode physical = loc.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", InputLocation.uri(source)).put("uriBaseId", BASE);
        if (line != null) {
            physical.putObject("region").put("startLine", line);
        }
        loc.putArray("logicalLocations").addObject().put("name", endpoint).put("kind", "endpoint");
        r.putObject("partialFingerprints").put("endpointCriterion", endpoint + "/" + criterion);
        return r;
    }
}
