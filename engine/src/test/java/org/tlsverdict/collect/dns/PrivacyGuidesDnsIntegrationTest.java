package org.tlsverdict.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.cli.Main;
import picocli.CommandLine;

/**
 * The Privacy Guides policies judge real mail-domain facts: scan-domain against the DNS testbed
 * (Knot DNS with signed zones, nginx serving MTA-STS, Postfix as the MX), then evaluate.
 */
@Tag("integration")
class PrivacyGuidesDnsIntegrationTest {

    @TempDir
    static Path dir;

    static DnsTestbed testbed;
    /** "domain-or-host criterion" -> status, from one evaluate run per policy. */
    static final Map<String, Map<String, String>> STATUS = new HashMap<>();

    @BeforeAll
    static void scanAndJudge() throws Exception {
        testbed = DnsTestbed.start(dir.resolve("testbed"));
        DomainSettings o = testbed.options();
        Path facts = dir.resolve("domains.json");
        StringWriter err = new StringWriter();
        CommandLine scan = Main.commandLine();
        scan.setErr(new PrintWriter(err));
        int rc = scan.execute("scan-domain", "good.test", "--domain", "mismatch.test", "--domain", "unsigned.test",
                "--domain", "testing.test", "--domain", "bare.test", "--domain", "nullmx.test",
                "--resolver", o.resolver, "--trust-anchor", o.trustAnchor.toString(), "--ca", o.ca.toString(),
                "--mx-port", String.valueOf(o.mxPort), "--dns-timeout", "2", "-o", facts.toString());
        assertThat(rc).as(err.toString()).isZero();
        for (String policy : new String[] {"privacyguides-2023", "privacyguides-proposed", "rfc9325"}) {
            StringWriter out = new StringWriter();
            CommandLine eval = Main.commandLine();
            eval.setOut(new PrintWriter(out));
            eval.execute("evaluate", facts.toString(), "--policy", "rules/" + policy, "--format", "json");
            Map<String, String> m = new HashMap<>();
            for (JsonNode r : new ObjectMapper().readTree(out.toString()).get("results")) {
                String subject = r.has("domain") ? r.get("domain").asText() : r.get("endpoint").get("host").asText();
                r.get("verdicts").forEach(v -> m.put(subject + " " + v.get("criterion").asText(), v.get("status").asText()));
            }
            STATUS.put(policy, m);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    private static String status(String policy, String subject, String criterion) {
        return STATUS.get(policy).get(subject + " " + criterion);
    }

    @Test
    void allValidPassesEveryDnsCriterion() {
        for (String c : new String[] {"DNS-DNSSEC", "DNS-DANE", "DNS-MTA-STS", "DNS-TLSRPT", "PGP-CAA", "DNS-CAA-OR-DANE-AND-MTA-STS"}) {
            assertThat(status("privacyguides-proposed", "mx.good.test", c)).as(c).isEqualTo("PASS");
        }
        assertThat(status("privacyguides-2023", "mx.good.test", "DNS-CAA-OR-DANE-AND-MTA-STS")).isNull();
    }

    @Test
    void tlsaMismatchFailsThePublishedTextButNotTheSeedsCaaOrDane() {
        assertThat(status("privacyguides-2023", "mx.mismatch.test", "DNS-DANE")).isEqualTo("FAIL");
        assertThat(status("privacyguides-2023", "mx.mismatch.test", "PGP-CAA")).isEqualTo("FAIL");
        assertThat(status("privacyguides-proposed", "mx.mismatch.test", "DNS-CAA-OR-DANE-AND-MTA-STS")).isEqualTo("PASS");
    }

    @Test
    void unsignedZoneFailsDnssecAndDane() {
        assertThat(status("privacyguides-2023", "mx.unsigned.test", "DNS-DNSSEC")).isEqualTo("FAIL");
        assertThat(status("privacyguides-2023", "mx.unsigned.test", "DNS-DANE")).isEqualTo("FAIL");
    }

    @Test
    void testingModeIsAValidPolicyForPrivacyGuides() {
        assertThat(status("privacyguides-2023", "mx.testing.test", "DNS-MTA-STS")).isEqualTo("PASS");
    }

    @Test
    void noMtaStsNoTlsRptNoCaaFail() {
        assertThat(status("privacyguides-2023", "mx.bare.test", "DNS-MTA-STS")).isEqualTo("FAIL");
        assertThat(status("privacyguides-2023", "mx.bare.test", "DNS-TLSRPT")).isEqualTo("FAIL");
        assertThat(status("privacyguides-2023", "mx.bare.test", "PGP-CAA")).isEqualTo("FAIL");
        assertThat(status("privacyguides-proposed", "mx.bare.test", "DNS-CAA-OR-DANE-AND-MTA-STS")).isEqualTo("FAIL");
    }

    /** RFC 9325 asks for MTA-STS in enforce mode or DANE: either one is enough, testing mode is not. */
    @Test
    void rfc9325StrictTlsTakesEnforcedMtaStsOrDane() {
        assertThat(status("rfc9325", "mx.good.test", "RFC9325-STRICT")).isEqualTo("PASS");
        assertThat(status("rfc9325", "mx.mismatch.test", "RFC9325-STRICT")).as("enforced MTA-STS, TLSA mismatch").isEqualTo("PASS");
        assertThat(status("rfc9325", "mx.testing.test", "RFC9325-STRICT")).as("MTA-STS testing, DANE matches").isEqualTo("PASS");
        assertThat(status("rfc9325", "mx.bare.test", "RFC9325-STRICT")).isEqualTo("FAIL");
        assertThat(status("rfc9325", "nullmx.test", "RFC9325-STRICT")).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void nullMxDomainIsJudgedOnItsOwn() {
        assertThat(status("privacyguides-2023", "nullmx.test", "DNS-DNSSEC")).isEqualTo("PASS");
        assertThat(status("privacyguides-2023", "nullmx.test", "DNS-DANE")).isEqualTo("NOT_APPLICABLE");
        assertThat(status("privacyguides-2023", "nullmx.test", "PGP-CAA")).isEqualTo("NOT_APPLICABLE");
        assertThat(status("privacyguides-2023", "nullmx.test", "PGP-NO-SSL")).isEqualTo("NOT_APPLICABLE");
        // It publishes an MTA-STS policy in mode none, which is right for a domain without mail.
        assertThat(status("privacyguides-2023", "nullmx.test", "DNS-MTA-STS")).isEqualTo("NOT_APPLICABLE");
        assertThat(status("privacyguides-proposed", "nullmx.test", "DNS-CAA-OR-DANE-AND-MTA-STS")).isEqualTo("NOT_APPLICABLE");
    }
}
