package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.cli.Main;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.policy.Evidence;
import picocli.CommandLine;

/**
 * SARIF as code scanning reads it: valid against the OASIS 2.1.0 schema (test resource, see its
 * README), results at the line of the raw scanner output, relative percent-encoded URIs, rule
 * help, an invocation that reports unreadable inputs, and nothing but JSON on stdout.
 */
class SarifSchemaTest {

    static Schema sarif;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("sarif-schema-2.1.0.json")) {
            sarif = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static List<String> errors(JsonNode doc) {
        return sarif.validate(doc).stream().map(Error::toString).toList();
    }

    @Test
    void theSchemaRejectsABrokenLog() throws Exception {
        JsonNode broken = FactsCodec.json().readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"level\": \"fatal\"}]}]}");
        assertThat(errors(broken)).isNotEmpty();
    }

    @Test
    void evaluateSarifIsValidAndPointsAtTheRawLine() throws Exception {
        Path unreadable = tmp.resolve("broken.json");
        Files.writeString(unreadable, "{\"schema\": \"tlsverdict/facts/v1\", \"endpoints\": [");
        Run r = run("evaluate", "fixtures/scans/legacy/25-smtp/nmap.txt", "fixtures/scans/legacy/25-smtp/testssl.json",
                "fixtures/scans/legacy/25-smtp/sslscan.xml", "fixtures/seed-forum-nmap/jonaharagon-587.nmap.txt", unreadable.toString(),
                "--policy", "rules/privacyguides-proposed", "--format", "sarif", "--at", "2027-01-01T00:00:00Z");
        assertThat(r.exit()).isEqualTo(2);
        JsonNode doc = FactsCodec.json().readTree(r.out());
        assertThat(errors(doc)).isEmpty();
        JsonNode run = doc.path("runs").get(0);

        JsonNode invocation = run.path("invocations").get(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        JsonNode note = invocation.path("toolExecutionNotifications").get(0);
        assertThat(note.path("level").asText()).isEqualTo("error");
        assertThat(note.path("message").path("text").asText()).contains("broken.json");

        List<JsonNode> results = new ArrayList<>();
        run.path("results").forEach(results::add);
        assertThat(results).extracting(x -> x.path("level").asText()).contains("error", "note");
        int located = 0;
        for (JsonNode x : results) {
            JsonNode physical = x.path("locations").get(0).path("physicalLocation");
            String uri = physical.path("artifactLocation").path("uri").asText();
            assertThat(physical.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(uri).startsWith("fixtures/");
            if (physical.has("region")) {
                located++;
                int line = physical.path("region").path("startLine").asInt();
                List<String> lines = Files.readAllLines(Path.of(uri));
                assertThat(line).isBetween(1, lines.size());
                JsonNode evidence = x.path("properties").path("evidence");
                assertThat(evidence.isArray()).isTrue();
            }
            assertThat(x.path("ruleIndex").asInt(-1)).isGreaterThanOrEqualTo(0);
        }
        assertThat(located).isGreaterThan(5);

        // nmap text: the line of the suite that breaks the criterion
        JsonNode dhe = results.stream().filter(x -> x.path("ruleId").asText().equals("PGP-DHE-2048")
                && x.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText().endsWith("nmap.txt"))
                .findFirst().orElseThrow();
        int line = dhe.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt();
        assertThat(Files.readAllLines(Path.of("fixtures/scans/legacy/25-smtp/nmap.txt")).get(line - 1)).contains("dh 1024");

        // INCONCLUSIVE is a note that says what to collect
        JsonNode sslv2 = results.stream().filter(x -> x.path("ruleId").asText().equals("PGP-NO-SSL")
                && x.path("message").path("text").asText().startsWith("mail.jonaharagon.net")).findFirst().orElseThrow();
        assertThat(sslv2.path("level").asText()).isEqualTo("note");
        assertThat(sslv2.path("message").path("text").asText()).contains("collect: SSLv2 support: never tested by nmap");

        JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("help").path("text").asText()).contains("Expected: ").contains("Source: ");
        assertThat(rule.path("help").path("markdown").asText()).contains("Expected: ");
    }

    @Test
    void replaySarifIsOneValidDocumentAloneOnStdout() throws Exception {
        Run r = run("replay", "fixtures/seed-forum-nmap", "fixtures/port25-debate", "--format", "sarif");
        assertThat(r.exit()).isZero();
        JsonNode doc = FactsCodec.json().readTree(r.out());
        assertThat(errors(doc)).isEmpty();
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        assertThat(r.err()).contains("match");
        assertThat(doc.path("runs").get(0).path("results").get(0).path("locations").get(0).path("physicalLocation")
                .path("artifactLocation").path("uri").asText()).startsWith("fixtures/");
    }

    @Test
    void urisAreRelativeAndPercentEncoded() {
        assertThat(InputLocation.uri("scans/mail server/ä#1.json")).isEqualTo("scans/mail%20server/%C3%A4%231.json");
        assertThat(InputLocation.uri(Path.of("fixtures/x y.json").toAbsolutePath().toString())).isEqualTo("fixtures/x%20y.json");
        assertThat(InputLocation.uri("c:weird.json")).isEqualTo("./c:weird.json");
        assertThat(InputLocation.uri("/elsewhere/a b.json")).isEqualTo("file:///elsewhere/a%20b.json");
    }

    @Test
    void rawLinesAreFoundByTheirShape() {
        List<String> xml = List.of("<ssltest>", "  <cipher status=\"accepted\" sslversion=\"TLSv1.2\" bits=\"128\" cipher=\"X\" id=\"0x0033\"/>");
        assertThat(InputLocation.find(xml, "<cipher bits=\"128\" cipher=\"X\" id=\"0x0033\" sslversion=\"TLSv1.2\" status=\"accepted\"/>"))
                .isEqualTo(2);
        List<String> testssl = List.of("[", "  {", "    \"id\"  : \"cipher_order\",", "    \"severity\" : \"HIGH\"");
        assertThat(InputLocation.find(testssl, "id=cipher_order severity=HIGH finding=NOT a cipher order configured")).isEqualTo(3);
        assertThat(InputLocation.find(testssl, "nothing like it")).isNull();
        assertThat(new InputLocation().line("fixtures/none", List.of(new Evidence("x", "nmap", null, "line 12: TLS_X - A"))))
                .isEqualTo(12);
    }
}
