package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/**
 * The JSON Schemas under docs/schemas/ hold for real outputs (the evaluate golden, every replay
 * golden, a policy diff, the facts fixtures and facts imported from scanner output), and reject
 * an output whose key was renamed.
 */
class SchemaTest {

    static Schema schema(String file) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas", file))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    static List<String> errors(Schema schema, JsonNode doc) {
        return schema.validate(doc).stream().map(Error::toString).toList();
    }

    static JsonNode read(Path p) throws Exception {
        return FactsCodec.json().readTree(p.toFile());
    }

    static List<Path> files(String glob) throws Exception {
        var matcher = Path.of(".").getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(Path.of("fixtures"))) {
            return s.filter(matcher::matches).sorted().toList();
        }
    }

    @Test
    void verdictOutputsFollowTheVerdictSchema() throws Exception {
        Schema schema = schema("verdicts-v1.schema.json");
        List<Path> docs = new ArrayList<>(files("fixtures/**/expected/*.json").stream()
                .filter(p -> !p.getFileName().toString().startsWith("diff-")).toList());
        docs.add(Path.of("engine/src/test/resources/golden/evaluate-seed-forum.json"));
        assertThat(docs).hasSizeGreaterThan(5);
        for (Path p : docs) {
            assertThat(errors(schema, read(p))).as(p.toString()).isEmpty();
        }
    }

    @Test
    void aRenamedVerdictKeyIsRejected() throws Exception {
        Schema schema = schema("verdicts-v1.schema.json");
        JsonNode golden = read(Path.of("engine/src/test/resources/golden/evaluate-seed-forum.json"));
        ObjectNode verdict = (ObjectNode) golden.path("results").get(0).path("verdicts").get(0);
        verdict.set("criterionId", verdict.remove("criterion"));
        assertThat(errors(schema, golden)).isNotEmpty();
        ObjectNode top = (ObjectNode) read(Path.of("engine/src/test/resources/golden/evaluate-seed-forum.json"));
        top.set("result", top.remove("results"));
        assertThat(errors(schema, top)).isNotEmpty();
    }

    static JsonNode diffJson() throws Exception {
        RuleCompiler compiler = RuleCompiler.withoutCache();
        CompiledPolicy a = compiler.compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        CompiledPolicy b = compiler.compile(PolicyLoader.load(Path.of("rules/privacyguides-2023")));
        List<List<EndpointResult>> results = new ArrayList<>();
        for (CompiledPolicy p : List.of(a, b)) {
            Evaluator ev = new Evaluator(p, CipherRegistry.standard(), Instant.parse("2027-01-01T00:00:00Z"));
            List<EndpointResult> out = new ArrayList<>();
            for (String f : List.of("fixtures/port25-debate/mx-port25.json", "fixtures/seed-forum/gmail-587.json")) {
                FactsDocument doc = InputReader.read(Path.of(f), f);
                doc.endpoints().forEach(e -> out.add(ev.evaluate(e, f)));
            }
            results.add(out);
        }
        DiffReport diff = DiffReport.of(a, results.get(0), b, results.get(1), List.of());
        return FactsCodec.json().readTree(ReportWriter.renderDiff(diff, b, Format.json));
    }

    @Test
    void aDiffFollowsTheDiffSchemaAndARenamedKeyIsRejected() throws Exception {
        Schema schema = schema("diff-v1.schema.json");
        JsonNode diff = diffJson();
        assertThat(diff.path("changes")).isNotEmpty();
        assertThat(diff.path("criteria")).isNotEmpty();
        assertThat(errors(schema, diff)).isEmpty();
        ObjectNode change = (ObjectNode) diff.path("changes").get(0);
        change.set("kind", change.remove("bucket"));
        assertThat(errors(schema, diff)).isNotEmpty();
    }

    @Test
    void keptDiffGoldensFollowTheDiffSchema() throws Exception {
        Schema schema = schema("diff-v1.schema.json");
        List<Path> goldens = files("fixtures/**/expected/diff-*.json");
        assertThat(goldens).isNotEmpty();
        for (Path p : goldens) {
            assertThat(errors(schema, read(p))).as(p.toString()).isEmpty();
        }
    }

    @Test
    void factsFilesAndImportedScansFollowTheFactsSchemaAndARenamedKeyIsRejected() throws Exception {
        Schema schema = schema("facts-v1.schema.json");
        List<Path> facts = new ArrayList<>();
        for (Path p : files("fixtures/**.json")) {
            // fixtures/wild holds raw scanner output (sslyze writes RSA moduli as 600-digit JSON numbers), never facts files.
            if (!p.toString().contains("/expected/") && !p.toString().contains("fixtures/wild/")
                    && read(p).path("schema").asText().equals(FactsDocument.SCHEMA)) {
                facts.add(p);
            }
        }
        assertThat(facts).hasSizeGreaterThanOrEqualTo(3);
        for (Path p : facts) {
            assertThat(errors(schema, read(p))).as(p.toString()).isEmpty();
        }
        List<Path> scans = new ArrayList<>(files("fixtures/scans/**/testssl.json"));
        assertThat(scans).isNotEmpty();
        // sslyze carries the most areas (groups, features with early data and EMS): its imports must follow the schema too.
        List<Path> sslyze = files("fixtures/wild/sslyze-6*/*.json");
        assertThat(sslyze).isNotEmpty();
        scans.addAll(sslyze);
        for (Path p : scans) {
            JsonNode imported = FactsCodec.json().readTree(FactsCodec.toJson(InputReader.read(p, p.toString())));
            assertThat(errors(schema, imported)).as("imported " + p).isEmpty();
        }
        JsonNode doc = read(Path.of("fixtures/port25-debate/mx-port25.json"));
        ObjectNode endpoint = (ObjectNode) doc.path("endpoints").get(0);
        endpoint.set("protocol", endpoint.remove("protocols"));
        assertThat(errors(schema, doc)).isNotEmpty();
    }
}
