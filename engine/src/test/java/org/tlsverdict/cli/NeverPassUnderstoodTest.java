package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.FactsCodec;

/**
 * Verdicts on testssl.sh output that older importers misread: a finding not understood never lets
 * the vulnerability criterion pass; suites seen without their version decide the criteria that do
 * not need the version and leave the others INCONCLUSIVE; empty results are errors, not clean runs.
 */
class NeverPassUnderstoodTest {

    static final String AT = "2026-01-01T00:00:00Z";
    static final String HOST = "mx.example/192.0.2.7";

    @TempDir
    Path tmp;

    static String finding(String id, String severity, String text) {
        return "{\"id\":\"" + id + "\",\"ip\":\"" + HOST + "\",\"port\":\"587\",\"severity\":\"" + severity + "\",\"finding\":\"" + text + "\"}";
    }

    Path write(String name, String... findings) throws Exception {
        return Files.writeString(tmp.resolve(name), "[" + String.join(",", findings) + "]");
    }

    static String status(String file, String policy, String criterion) throws Exception {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("evaluate", file, "--policy", policy, "--format", "json", "--at", AT);
        JsonNode doc = FactsCodec.json().readTree(r.out());
        for (JsonNode v : doc.path("results").get(0).path("verdicts")) {
            if (v.path("criterion").asText().equals(criterion)) {
                return v.path("status").asText();
            }
        }
        throw new AssertionError(criterion + " not in " + r.out() + r.err());
    }

    @Test
    void unrecognisedVulnerableFindingFailsAndUnclearOneIsInconclusive() throws Exception {
        String ok = finding("heartbleed", "OK", "not vulnerable");
        Path clean = write("clean.json", ok);
        Path vulnerable = write("vuln.json", ok, finding("new_attack", "HIGH", "VULNERABLE (NOT ok)"));
        Path unclear = write("unclear.json", ok, finding("odd_check", "CRITICAL", "problem found"));
        assertThat(status(clean.toString(), "rules/privacyguides-2023", "PGP-NO-VULNS")).isEqualTo("PASS");
        assertThat(status(vulnerable.toString(), "rules/privacyguides-2023", "PGP-NO-VULNS")).isEqualTo("FAIL");
        assertThat(status(unclear.toString(), "rules/privacyguides-proposed", "PGP-NO-VULNS")).isEqualTo("INCONCLUSIVE");
    }

    @Test
    void lowerCaseVulnerabilitiesOf29devAreSeen() throws Exception {
        assertThat(status("fixtures/wild/testssl-2.9dev-2018-03-pretty-default-b/185.60.216.35_p443-20180319-1623.json",
                "rules/privacyguides-2023", "PGP-NO-VULNS")).isEqualTo("FAIL");
    }

    @Test
    void suitesWithoutVersionDecideWhatNeedsNoVersion() throws Exception {
        Path f = write("default30.json",
                finding("SSLv2", "OK", "not offered"), finding("SSLv3", "OK", "not offered"),
                finding("TLS1", "INFO", "is not offered"), finding("TLS1_1", "INFO", "is not offered"),
                finding("TLS1_2", "OK", "offered"), finding("TLS1_3", "INFO", "is not offered"),
                finding("cipher_order", "INFO", "NOT a cipher order configured"),
                finding("cipher_x9e", "OK", "x9e     DHE-RSA-AES128-GCM-SHA256         DH 1024    AESGCM      128      TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
                finding("cipher_x0a", "OK", "x0a     DES-CBC3-SHA                      RSA        3DES        168      TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertThat(status(f.toString(), "rules/privacyguides-2023", "PGP-DHE-2048")).isEqualTo("FAIL");
        assertThat(status(f.toString(), "rules/privacyguides-2022", "PGP-NO-WEAK-SUITES")).isEqualTo("FAIL");
        assertThat(status(f.toString(), "rules/rfc9325", "RFC9325-KEX-SIZE")).isEqualTo("FAIL");
        // 3DES is a SHOULD NOT there, but the lists per version are missing: INCONCLUSIVE outranks WARN
        assertThat(status(f.toString(), "rules/rfc9325", "RFC9325-SUITES")).isEqualTo("INCONCLUSIVE");
        assertThat(status(f.toString(), "rules/privacyguides-2023", "PGP-FS-AEAD-FIRST")).isEqualTo("INCONCLUSIVE");
    }

    @Test
    void importOfOnlyABadFileWritesNothing() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "[{\"id\":\"engine_problem\",\"ip\":\"/\",\"port\":\"443\",\"severity\":\"WARN\",\"finding\":\"x\"}]");
        Path out = tmp.resolve("facts.yaml");
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("import", bad.toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(out).doesNotExist();
        assertThat(r.err()).contains("bad.json: no finding names a target");
    }

    @Test
    void evaluatingAnEmptyFactsFileIsAnError() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.yaml"), "schema: tlsverdict/facts/v1\nendpoints: []\n");
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("evaluate", empty.toString(), "--policy", "rules/privacyguides-2023");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().contains("empty.yaml").contains("no endpoints and no domains");
    }
}
