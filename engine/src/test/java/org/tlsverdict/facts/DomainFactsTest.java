package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainFactsTest {

    private static final String FULL = """
            {"schema": "tlsverdict/facts/v1",
             "endpoints": [{"endpoint": {"host": "mx1.example.test", "port": 25}}],
             "domains": [
              {"domain": "Example.TEST.",
               "dnssec": "secure",
               "mx": [{"host": "mx1.example.test.", "preference": 10, "dnssec": "secure",
                       "tlsa": {"status": "match", "matched": {"usage": 3, "selector": 1, "matchingType": 1, "data": "AB12"},
                                "records": [{"usage": 3, "selector": 1, "matchingType": 1, "data": "ab12"}]},
                       "caa": [{"name": "example.test", "flags": 0, "tag": "issue", "value": "ca.test"}]},
                      {"host": "mx2.example.test", "dnssec": "insecure", "tlsa": {"status": "unusable", "reason": "zone is not signed"}}],
               "mtaSts": {"status": "valid", "mode": "enforce", "id": "20261128", "maxAge": 86400, "mx": ["*.example.test"]},
               "tlsRpt": {"status": "present", "rua": ["mailto:tlsrpt@example.test"]},
               "caa": [],
               "provenance": {"mtaSts": {"collector": "dns", "raw": "https://mta-sts.example.test/.well-known/mta-sts.txt"}}}]}
            """;

    private static FactsDocument parse(String text) throws FactsFormatException {
        return FactsCodec.parse(text.getBytes(StandardCharsets.UTF_8), "in.json");
    }

    @Test
    void readsTheIssueKeysAndNormalizesNames() throws Exception {
        DomainFacts d = parse(FULL).domains().get(0);
        assertThat(d.domain()).isEqualTo("example.test");
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(d.mx()).extracting(MxHost::host).containsExactly("mx1.example.test", "mx2.example.test");
        assertThat(d.mx().get(0).tlsa().matched().data()).isEqualTo("ab12");
        assertThat(d.mx().get(0).caa().records()).singleElement().extracting(CaaRecord::tag).isEqualTo("issue");
        assertThat(d.mx().get(1).caa().known()).isFalse();
        assertThat(d.mtaSts().mode()).isEqualTo("enforce");
        assertThat(d.tlsRpt().rua()).containsExactly("mailto:tlsrpt@example.test");
        assertThat(d.caa().known()).isTrue();
        assertThat(d.caa().present()).isFalse();
        assertThat(d.source().source()).isEqualTo("in.json");
        assertThat(d.provenanceOf("mtaSts").source()).isEqualTo("in.json");
        assertThat(d.provenanceOf("mtaSts").raw()).startsWith("https://mta-sts.");
    }

    @Test
    void jsonAndYamlRoundTrip() throws Exception {
        FactsDocument doc = parse(FULL);
        String json = FactsCodec.toJson(doc);
        assertThat(json).contains("\"caa\" : [ ]").contains("\"status\" : \"match\"").contains("\"tlsRpt\" : {");
        FactsDocument back = FactsCodec.parse(json.getBytes(StandardCharsets.UTF_8), "in.json");
        assertThat(back.domains()).isEqualTo(doc.domains());
        FactsDocument fromYaml = FactsCodec.parse(FactsCodec.toYaml(doc).getBytes(StandardCharsets.UTF_8), "in.json");
        assertThat(fromYaml.domains()).isEqualTo(doc.domains());
    }

    @Test
    void anOmittedAreaReadsAsUnknown() throws Exception {
        DomainFacts d = parse("""
                {"schema": "tlsverdict/facts/v1", "endpoints": [], "domains": [{"domain": "example.test"}]}
                """).domains().get(0);
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.UNKNOWN);
        assertThat(d.mx()).isNull();
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.UNKNOWN);
        assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.UNKNOWN);
        assertThat(d.caa().known()).isFalse();
        List<Object> facts = DomainRuleFacts.of(d).facts();
        assertThat(facts).filteredOn(DomainFact.class::isInstance).singleElement()
                .satisfies(f -> assertThat(((DomainFact) f).mxCollected()).isFalse());
        assertThat(facts).filteredOn(CaaFact.class::isInstance).singleElement()
                .satisfies(f -> assertThat(((CaaFact) f).present()).isFalse());
        MxHost bare = new MxHost("mx.example.test", null, null, null, null, null);
        assertThat(bare.dnssec()).isEqualTo(DnssecStatus.UNKNOWN);
        assertThat(bare.tlsa().status()).isEqualTo(TlsaStatus.UNKNOWN);
    }

    @Test
    void bareStatusStringsAndUnknownCaaAreAccepted() throws Exception {
        DomainFacts d = parse("""
                {"schema": "tlsverdict/facts/v1", "domains": [{"domain": "example.test", "tlsRpt": "absent", "caa": "unknown",
                  "nullMx": true, "mx": []}]}
                """).domains().get(0);
        assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.ABSENT);
        assertThat(d.caa()).isEqualTo(Caa.UNKNOWN);
        assertThat(d.nullMx()).isTrue();
        assertThat(FactsCodec.toJson(FactsDocument.of(List.of(), List.of(d)))).contains("\"caa\" : \"unknown\"");
    }

    @Test
    void badDomainInputGetsOneLine() {
        assertThatThrownBy(() -> parse("""
                {"schema": "tlsverdict/facts/v1", "domains": [{"domain": "example.test", "dnssec": "maybe"}]}
                """)).isInstanceOf(FactsFormatException.class).hasMessageContaining("maybe").message().doesNotContain("\n");
        assertThatThrownBy(() -> parse("""
                {"schema": "tlsverdict/facts/v1", "domains": [{"domain": "example.test", "caa": "none"}]}
                """)).hasMessageContaining("caa is 'none'");
        assertThatThrownBy(() -> parse("""
                {"schema": "tlsverdict/facts/v1", "domains": [{"dnssec": "secure"}]}
                """)).hasMessageContaining("domain is missing");
        assertThatThrownBy(() -> parse("""
                {"schema": "tlsverdict/facts/v1", "domains": [{"domain": "example.test", "mtaSts": {"status": "valid", "policy": 1}}]}
                """)).hasMessageContaining("unknown key 'policy'");
    }

    @Test
    void domainFactsFollowOnlyTheirMxEndpoints() throws Exception {
        FactsDocument doc = parse(FULL);
        Endpoint mx1 = new Endpoint("MX1.example.test.", null, 25, null, null);
        Endpoint other = new Endpoint("mail.other.test", null, 25, null, null);
        assertThat(DomainRuleFacts.of(mx1, doc.domains()).facts()).hasAtLeastOneElementOfType(DomainFact.class)
                .filteredOn(TlsaFact.class::isInstance).hasSize(2);
        assertThat(DomainRuleFacts.of(other, doc.domains()).facts()).isEmpty();
    }
}
