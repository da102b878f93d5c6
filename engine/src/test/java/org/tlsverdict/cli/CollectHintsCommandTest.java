package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.FactsCodec;

/**
 * The forum's "Good" server (nmap paste, fixtures/seed-forum-nmap): every INCONCLUSIVE says what
 * to collect and how, and judged on what was collected it reads PASS.
 */
class CollectHintsCommandTest {

    static final String GOOD = "fixtures/seed-forum-nmap/jonaharagon-587.nmap.txt";
    static final String NOT_GOOD = "fixtures/seed-forum-nmap/gmail-587.nmap.txt";

    private static EvaluateCommandTest.Run run(String... args) {
        return EvaluateCommandTest.run(args);
    }

    @Test
    void everyInconclusiveOfTheNmapPasteNamesWhatToCollect() throws Exception {
        EvaluateCommandTest.Run r = run("evaluate", GOOD, "--policy", EvaluateCommandTest.POLICY, "--format", "json",
                "--at", EvaluateCommandTest.AT);
        JsonNode result = FactsCodec.json().readTree(r.out()).path("results").get(0);
        assertThat(result.path("status").asText()).isEqualTo("INCONCLUSIVE");
        int inconclusive = 0;
        for (JsonNode v : result.path("verdicts")) {
            if (v.path("status").asText().equals("INCONCLUSIVE")) {
                inconclusive++;
                assertThat(v.path("collect").isArray()).as(v.path("criterion").asText()).isTrue();
                assertThat(v.path("collect").get(0).path("how").asText()).as(v.path("criterion").asText()).contains("`");
            } else {
                assertThat(v.has("collect")).as(v.path("criterion").asText()).isFalse();
            }
        }
        assertThat(inconclusive).isEqualTo(10);
        JsonNode noSsl = verdict(result, "PGP-NO-SSL");
        assertThat(noSsl.path("collect").get(0).path("fact").asText()).isEqualTo("SSLv2 support");
        assertThat(noSsl.path("collect").get(0).path("how").asText()).contains("never tested by nmap ssl-enum-ciphers")
                .contains("tlsverdict scan").contains("testssl.sh");
        assertThat(verdict(result, "DNS-DANE").path("collect").get(0).path("how").asText()).contains("scan --domain");
        assertThat(FactsCodec.json().readTree(r.out()).has("scope")).isFalse();
    }

    @Test
    void textEndsEachEndpointWithWhatToCollect() {
        EvaluateCommandTest.Run r = run("evaluate", GOOD, "--policy", EvaluateCommandTest.POLICY, "--at", EvaluateCommandTest.AT);
        assertThat(r.out()).contains("-> not collected: SSLv2 support")
                .contains("to decide the rest, collect:\n"
                        + "    - mail-domain facts (MX, DNSSEC, DANE, MTA-STS, TLS-RPT, CAA): `tlsverdict scan --domain DOMAIN`")
                .contains("    - SSLv2 support: never tested by nmap ssl-enum-ciphers: use `tlsverdict scan` or testssl.sh `-p`")
                .contains("    - certificate chain: nmap prints the leaf only with `--script ssl-enum-ciphers,ssl-cert`");
    }

    @Test
    void onlyCollectedJudgesTheGoodServerGoodOnWhatItsPasteDecides() throws Exception {
        EvaluateCommandTest.Run r = run("evaluate", GOOD, NOT_GOOD, "--policy", EvaluateCommandTest.POLICY, "--format", "json",
                "--only-collected", "--at", EvaluateCommandTest.AT);
        JsonNode doc = FactsCodec.json().readTree(r.out());
        assertThat(doc.path("scope").asText()).isEqualTo("collected");
        JsonNode good = doc.path("results").get(1);
        assertThat(good.path("endpoint").path("host").asText()).isEqualTo("mail.jonaharagon.net");
        assertThat(good.path("status").asText()).isEqualTo("PASS");
        // the verdicts themselves stay as they are: unknown is never reported as PASS
        assertThat(verdict(good, "PGP-NO-SSL").path("status").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(doc.path("results").get(0).path("status").asText()).isEqualTo("FAIL");
        assertThat(doc.path("summary").path("notCollected").asInt()).isEqualTo(18);
        assertThat(doc.path("summary").path("inconclusive").asInt()).isEqualTo(18);

        EvaluateCommandTest.Run text = run("evaluate", GOOD, "--policy", EvaluateCommandTest.POLICY, "--only-collected",
                "--at", EvaluateCommandTest.AT);
        assertThat(text.out()).contains("PASS on the collected facts (10 criteria not collected)")
                .contains("NOT_COLLECTED  PGP-NO-SSL").doesNotContain("INCONCLUSIVE ");
        assertThat(text.exit()).isZero();
    }

    @Test
    void onlyCollectedKeepsAnEndpointOfWhichNothingIsDecidedInconclusive() throws Exception {
        java.nio.file.Path facts = java.nio.file.Files.createTempFile("bare", ".yaml");
        java.nio.file.Files.writeString(facts, "schema: tlsverdict/facts/v1\nendpoints:\n  - endpoint: {host: mx.example, port: 587}\n");
        EvaluateCommandTest.Run r = run("evaluate", facts.toString(), "--policy", EvaluateCommandTest.POLICY, "--format", "json",
                "--only-collected", "--fail-on", "inconclusive", "--at", EvaluateCommandTest.AT);
        JsonNode result = FactsCodec.json().readTree(r.out()).path("results").get(0);
        assertThat(result.path("status").asText()).isNotIn("PASS", "NOT_APPLICABLE");
        java.nio.file.Files.delete(facts);
    }

    static JsonNode verdict(JsonNode result, String criterion) {
        for (JsonNode v : result.path("verdicts")) {
            if (v.path("criterion").asText().equals(criterion)) {
                return v;
            }
        }
        throw new AssertionError("no verdict " + criterion);
    }
}
