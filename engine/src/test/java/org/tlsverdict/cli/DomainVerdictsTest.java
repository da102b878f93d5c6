package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail domains are judged even when none of their MX endpoints is in the facts. */
class DomainVerdictsTest {

    static final String AT = "2026-01-01T00:00:00Z";

    @TempDir
    Path tmp;

    private static Map<String, JsonNode> verdicts(JsonNode result) {
        Map<String, JsonNode> out = new HashMap<>();
        result.get("verdicts").forEach(v -> out.put(v.get("criterion").asText(), v));
        return out;
    }

    private JsonNode evaluate(String facts, String policy) throws Exception {
        Path f = tmp.resolve("facts.yaml");
        Files.writeString(f, facts);
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("evaluate", f.toString(), "--policy", policy, "--format", "json", "--at", AT);
        assertThat(r.err()).isEmpty();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void aFileWithOnlyDomainsYieldsVerdictsForEachDomain() throws Exception {
        JsonNode report = evaluate("""
                schema: tlsverdict/facts/v1
                domains:
                  - domain: good.test
                    dnssec: secure
                    mx: [{host: mx.good.test, dnssec: secure, tlsa: {status: match}}]
                    mtaSts: {status: valid, mode: enforce}
                    tlsRpt: {status: present, rua: ["mailto:tls@good.test"]}
                    caa: [{name: good.test, flags: 0, tag: issue, value: ca.test}]
                  - domain: null.test
                    dnssec: secure
                    nullMx: true
                    mx: []
                    mtaSts: {status: absent}
                    tlsRpt: {status: absent}
                    caa: []
                """, "rules/privacyguides-proposed");
        assertThat(report.get("summary").get("endpoints").asInt()).isEqualTo(2);
        JsonNode good = null;
        JsonNode nullMx = null;
        for (JsonNode r : report.get("results")) {
            if ("good.test".equals(r.path("domain").asText())) {
                good = r;
            } else if ("null.test".equals(r.path("domain").asText())) {
                nullMx = r;
            }
        }
        assertThat(good).isNotNull();
        assertThat(nullMx).isNotNull();
        assertThat(good.get("endpoint").get("host").asText()).isEqualTo("good.test");

        Map<String, JsonNode> g = verdicts(good);
        for (String id : new String[] {"DNS-DNSSEC", "DNS-DANE", "DNS-MTA-STS", "DNS-TLSRPT", "PGP-CAA", "DNS-CAA-OR-DANE-AND-MTA-STS"}) {
            assertThat(g.get(id).get("status").asText()).as(id).isEqualTo("PASS");
        }
        // The TLS criteria concern the MX endpoint, which was not scanned.
        assertThat(g.get("PGP-NO-SSL").get("status").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(g.get("PGP-NO-SSL").get("message").asText()).contains("no MX endpoint of good.test").contains("mx.good.test");

        Map<String, JsonNode> n = verdicts(nullMx);
        assertThat(n.get("DNS-DNSSEC").get("status").asText()).isEqualTo("PASS");
        assertThat(n.get("DNS-DANE").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        // A domain that accepts no mail needs no MTA-STS or TLS-RPT; its DNSSEC still counts.
        assertThat(n.get("DNS-MTA-STS").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(n.get("DNS-TLSRPT").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(n.get("PGP-NO-SSL").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(n.get("PGP-NO-SSL").get("message").asText()).contains("Null MX");
    }

    @Test
    void aDomainIsJudgedOnItsMxEndpointAndNotAgainOnItsOwn() throws Exception {
        JsonNode report = evaluate("""
                schema: tlsverdict/facts/v1
                endpoints:
                  - endpoint: {host: mx.bad.test, port: 25}
                    protocols: {SSLv2: not-offered, SSLv3: not-offered, TLSv1.2: offered, TLSv1.3: offered}
                domains:
                  - domain: bad.test
                    dnssec: insecure
                    mx: [{host: mx.bad.test, dnssec: insecure, tlsa: {status: unusable, reason: the zone is not signed}}]
                    mtaSts: {status: valid, mode: testing}
                    tlsRpt: {status: absent}
                    caa: []
                """, "rules/privacyguides-2023");
        assertThat(report.get("results")).hasSize(1);
        JsonNode r = report.get("results").get(0);
        assertThat(r.has("domain")).isFalse();
        Map<String, JsonNode> v = verdicts(r);
        assertThat(v.get("DNS-DNSSEC").get("status").asText()).isEqualTo("FAIL");
        assertThat(v.get("DNS-DANE").get("status").asText()).isEqualTo("FAIL");
        assertThat(v.get("DNS-MTA-STS").get("status").asText()).isEqualTo("PASS");
        assertThat(v.get("DNS-TLSRPT").get("status").asText()).isEqualTo("FAIL");
        assertThat(v.get("PGP-CAA").get("status").asText()).isEqualTo("FAIL");
        assertThat(v.get("PGP-NO-SSL").get("status").asText()).isEqualTo("PASS");
    }

    @Test
    void endpointOnlyFactsLeaveEveryDnsCriterionInconclusive() throws Exception {
        for (String policy : new String[] {"rules/privacyguides-2022", "rules/privacyguides-2023", "rules/privacyguides-proposed"}) {
            JsonNode report = evaluate("""
                    schema: tlsverdict/facts/v1
                    endpoints:
                      - endpoint: {host: mx.example.test, port: 25}
                        protocols: {TLSv1.2: offered, TLSv1.3: offered}
                    """, policy);
            Map<String, JsonNode> v = verdicts(report.get("results").get(0));
            for (String id : new String[] {"DNS-DNSSEC", "DNS-DANE", "DNS-MTA-STS", "DNS-TLSRPT", "PGP-CAA"}) {
                assertThat(v.get(id).get("status").asText()).as(policy + " " + id).isEqualTo("INCONCLUSIVE");
                assertThat(v.get(id).get("message").asText()).contains("no mail-domain facts were collected");
            }
            assertThat(v.containsKey("DNS-CAA-OR-DANE-AND-MTA-STS")).isEqualTo(policy.endsWith("proposed"));
        }
    }

    @Test
    void textReportNamesTheDomainSubject() throws Exception {
        Path f = tmp.resolve("d.yaml");
        Files.writeString(f, "schema: tlsverdict/facts/v1\ndomains:\n  - {domain: only.test, dnssec: bogus}\n");
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("evaluate", f.toString(), "--policy", "rules/mail-dns", "--at", AT);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("only.test:25 (mail domain, no MX endpoint in the facts)").contains("DNSSEC bogus");
    }

    @Test
    void testsslCaaIsJudgedAndNothingElseOfTheDomainPasses() throws Exception {
        Path f = tmp.resolve("testssl.json");
        Files.writeString(f, """
                [{"id": "TLS1_2", "ip": "mx.example.org/192.0.2.25", "port": "25", "severity": "OK", "finding": "offered"},
                 {"id": "DNS_CAArecord", "ip": "mx.example.org/192.0.2.25", "port": "25", "severity": "OK", "finding": "issue=letsencrypt.org"}]
                """);
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("evaluate", f.toString(), "--policy", "rules/mail-dns", "--format", "json", "--at", AT);
        JsonNode report = new ObjectMapper().readTree(r.out());
        JsonNode domain = null;
        for (JsonNode res : report.get("results")) {
            if (res.has("domain")) {
                domain = res;
            }
        }
        assertThat(domain).isNotNull();
        Map<String, JsonNode> v = verdicts(domain);
        assertThat(v.get("DNS-CAA").get("status").asText()).isEqualTo("PASS");
        assertThat(v.get("DNS-CAA").get("evidence").toString()).contains("testssl").contains("DNS_CAArecord");
        for (String id : new String[] {"DNS-DNSSEC", "DNS-DANE", "DNS-MTA-STS", "DNS-TLSRPT", "DNS-CAA-OR-DANE-AND-MTA-STS"}) {
            assertThat(v.get(id).get("status").asText()).as(id).isEqualTo("INCONCLUSIVE");
        }
    }

    @Test
    void theDnsOfAScannedWebHostIsNotJudgedAsAMailDomain() throws Exception {
        String facts = """
                schema: tlsverdict/facts/v1
                endpoints:
                  - endpoint: {host: www.example.test, port: 443}
                    protocols: {SSLv2: not-offered, SSLv3: not-offered, TLSv1.0: not-offered, TLSv1.1: not-offered, TLSv1.2: offered, TLSv1.3: offered}
                domains:
                  - domain: www.example.test
                    caa: [{name: example.test, flags: 0, tag: issue, value: ca.test}]
                """;
        JsonNode report = evaluate(facts, "rules/ssllabs-caps");
        assertThat(report.get("results")).hasSize(1);
        assertThat(report.get("results").get(0).path("domain").isMissingNode() || report.get("results").get(0).path("domain").isNull()).isTrue();
        // The same domain beside a mail endpoint is still judged on its own.
        JsonNode mail = evaluate(facts.replace("port: 443", "port: 587"), "rules/ssllabs-caps");
        assertThat(mail.get("results")).hasSize(2);
    }
}
