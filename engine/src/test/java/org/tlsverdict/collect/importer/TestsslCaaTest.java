package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CaaRecord;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;

/** testssl.sh's DNS_CAArecord finding kept as domain CAA facts, on lines shaped like real 3.0/3.2 output. */
class TestsslCaaTest {

    private static String flat(String target, String... findings) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < findings.length; i++) {
            String[] f = findings[i].split("\\|", 3);
            sb.append(i == 0 ? "" : ",").append("{\"id\": \"").append(f[0]).append("\", \"ip\": \"").append(target)
                    .append("\", \"port\": \"25\", \"severity\": \"").append(f[1]).append("\", \"cwe\": \"\", \"finding\": \"")
                    .append(f[2]).append("\"}\n");
        }
        return sb.append("]").toString();
    }

    private static FactsDocument read(String json) throws FactsFormatException {
        return InputReader.parse(json.getBytes(StandardCharsets.UTF_8), "scan.json", null);
    }

    @Test
    void recordsBecomeDomainCaaWithProvenance() throws Exception {
        FactsDocument doc = read(flat("mx.example.org/192.0.2.25", "TLS1_2|OK|offered",
                "DNS_CAArecord|OK|issue=letsencrypt.org, iodef=mailto:security@example.org"));
        assertThat(doc.endpoints()).singleElement().satisfies(e -> assertThat(e.endpoint().host()).isEqualTo("mx.example.org"));
        DomainFacts d = doc.domainsOrEmpty().get(0);
        assertThat(doc.domainsOrEmpty()).hasSize(1);
        assertThat(d.domain()).isEqualTo("mx.example.org");
        assertThat(d.caa().records()).extracting(CaaRecord::tag, CaaRecord::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("issue", "letsencrypt.org"),
                org.assertj.core.groups.Tuple.tuple("iodef", "mailto:security@example.org"));
        // Only CAA was looked up: the rest stays unknown, never assumed.
        assertThat(d.mx()).isNull();
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.UNKNOWN);
        assertThat(d.provenanceOf("caa").collector()).isEqualTo("testssl");
        assertThat(d.provenanceOf("caa").source()).isEqualTo("scan.json");
        assertThat(d.provenanceOf("caa").raw()).contains("DNS_CAArecord").contains("issue=letsencrypt.org");
        // The facts file keeps them: import writes domains, and they read back the same.
        FactsDocument back = FactsCodec.parse(FactsCodec.toJson(doc).getBytes(StandardCharsets.UTF_8), "back.json");
        assertThat(back.domainsOrEmpty().get(0).caa()).isEqualTo(d.caa());
    }

    @Test
    void notOfferedIsNoRecordsAndSkippedIsUnknown() throws Exception {
        assertThat(read(flat("mx.example.org/192.0.2.25", "TLS1_2|OK|offered", "DNS_CAArecord|LOW|--"))
                .domainsOrEmpty().get(0).caa().records()).isEmpty();
        assertThat(read(flat("mx.example.org/192.0.2.25", "TLS1_2|OK|offered", "DNS_CAArecord|INFO|check skipped as instructed"))
                .domainsOrEmpty().get(0).caa().known()).isFalse();
        assertThat(read(flat("mx.example.org/192.0.2.25", "TLS1_2|OK|offered", "DNS_CAArecord|WARN|lookup failed"))
                .domainsOrEmpty().get(0).caa().known()).isFalse();
        // Text it cannot read is unknown, not "no CAA".
        assertThat(read(flat("mx.example.org/192.0.2.25", "TLS1_2|OK|offered", "DNS_CAArecord|OK|issue letsencrypt.org"))
                .domainsOrEmpty().get(0).caa().known()).isFalse();
    }

    @Test
    void perCertificateDuplicatesAndAddressesAndPrettyFormat() throws Exception {
        // With two certificates 3.2 repeats the finding with a <hostCert#N> suffix: the first is kept.
        FactsDocument two = read(flat("mail.example.net/198.51.100.7", "TLS1_2|OK|offered",
                "DNS_CAArecord <hostCert#1>|OK|issue=sectigo.com", "DNS_CAArecord <hostCert#2>|OK|issue=sectigo.com"));
        assertThat(two.domainsOrEmpty()).singleElement().satisfies(d -> assertThat(d.caa().records()).hasSize(1));
        // A scan by address has no name CAA could apply to (the testbed fixtures are such scans).
        assertThat(read(flat("127.0.0.1/127.0.0.1", "TLS1_2|OK|offered", "DNS_CAArecord|LOW|--")).domains()).isNull();
        String pretty = """
                {"Invocation": "testssl.sh --jsonfile-pretty x mx.example.org:25", "scanResult": [{
                  "targetHost": "mx.example.org", "ip": "192.0.2.25", "port": "25", "service": "smtp",
                  "protocols": [{"id": "TLS1_2", "severity": "OK", "finding": "offered"}],
                  "serverDefaults": [{"id": "DNS_CAArecord", "severity": "OK", "finding": "issue=letsencrypt.org"}]}]}
                """;
        assertThat(read(pretty).domainsOrEmpty()).singleElement().satisfies(d -> {
            assertThat(d.domain()).isEqualTo("mx.example.org");
            assertThat(d.caa().records()).extracting(CaaRecord::value).containsExactly("letsencrypt.org");
        });
    }

    @Test
    void badInputIsStillOneLine() {
        assertThatThrownBy(() -> read("[{\"id\": \"DNS_CAArecord\", \"ip\": \"mx.example.org/192.0.2.25\"}]"))
                .isInstanceOf(FactsFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("scan.json: ").doesNotContain("\n"));
    }
}
