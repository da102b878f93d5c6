package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactsCodecTest {

    private static final String MINIMAL = """
            {"schema": "tlsverdict/facts/v1", "endpoints": [
              {"endpoint": {"host": "mx.example", "port": 25},
               "protocols": {"TLSv1.2": "offered", "TLSv1.0": "not-offered"},
               "ciphers": {"TLSv1.2": [{"iana": "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "dhBits": 2048}]},
               "serverPreference": {"TLSv1.2": "server"}}]}
            """;

    private static FactsDocument parse(String text) throws FactsFormatException {
        return FactsCodec.parse(text.getBytes(StandardCharsets.UTF_8), "in.json");
    }

    @Test
    void readsTheContractKeysAndInfersServiceFromPort() throws Exception {
        EndpointFacts e = parse(MINIMAL).endpoints().get(0);
        assertThat(e.endpoint().service()).isEqualTo(Service.SMTP);
        assertThat(e.endpoint().transport()).isEqualTo(Transport.STARTTLS);
        assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).doesNotContainKey(TlsVersion.TLSv1_3);
        assertThat(e.ciphers().get(TlsVersion.TLSv1_2).get(0).dhBits()).isEqualTo(2048);
        assertThat(e.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER);
        assertThat(e.source().source()).isEqualTo("in.json");
    }

    @Test
    void errorsNameTheLineAndTheExpectedKindWithoutJavaTypes() {
        String yaml = "schema: tlsverdict/facts/v1\nendpoints:\n  - endpoint: {host: a.test, port: 25}\n"
                + "    protocols: {TLSv1.2: sometimes}\n";
        assertThatThrownBy(() -> FactsCodec.parse(yaml.getBytes(StandardCharsets.UTF_8), "f.yaml"))
                .hasMessage("f.yaml: line 4: endpoints[0].protocols.TLSv1.2: expected one of not-offered, unknown, offered, got \"sometimes\"");
        String bits = "schema: tlsverdict/facts/v1\nendpoints:\n  - endpoint: {host: a.test, port: 25}\n    ciphers:\n"
                + "      TLSv1.2: [ {iana: X, dhBits: abc} ]\n";
        assertThatThrownBy(() -> FactsCodec.parse(bits.getBytes(StandardCharsets.UTF_8), "g.yaml"))
                .hasMessageContaining("g.yaml: line 5: ").hasMessageContaining("dhBits: expected a whole number, got \"abc\"")
                .hasMessageNotContaining("java.").hasMessageNotContaining("Cannot deserialize");
    }

    @Test
    void anOmittedAreaStaysNotCollected() throws Exception {
        EndpointFacts e = parse(MINIMAL).endpoints().get(0);
        assertThat(e.certificates()).isNull();
        assertThat(e.vulnerabilities()).isNull();
        List<Object> ruleFacts = RuleFacts.of(e, CipherRegistry.standard()).facts();
        assertThat(ruleFacts).filteredOn(f -> f instanceof ProtocolFact p && p.version() == TlsVersion.TLSv1_3)
                .singleElement().extracting(f -> ((ProtocolFact) f).support()).isEqualTo(Support.UNKNOWN);
        assertThat(ruleFacts).doesNotContain(new Collected(Area.CERTIFICATES, null));
    }

    @Test
    void jsonAndYamlRoundTrip() throws Exception {
        FactsDocument doc = parse(MINIMAL);
        String json = FactsCodec.toJson(doc);
        assertThat(json).contains("\"TLSv1.2\" : \"offered\"").contains("\"port\" : 25").contains("\"service\" : \"smtp\"");
        assertThat(FactsCodec.parse(json.getBytes(StandardCharsets.UTF_8), "again.json").endpoints().get(0).protocols())
                .isEqualTo(doc.endpoints().get(0).protocols());
        String yaml = FactsCodec.toYaml(doc);
        assertThat(yaml).contains("TLSv1.2: offered");
        FactsDocument back = FactsCodec.parse(yaml.getBytes(StandardCharsets.UTF_8), "again.yaml");
        assertThat(back.endpoints().get(0).ciphers()).isEqualTo(Map.of(TlsVersion.TLSv1_2,
                List.of(new CipherEntry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", null, null, 2048, null, null, null))));
    }

    @Test
    void charactersOutsideTheBmpAndLoneSurrogatesSurviveReadingAndWritingJson() throws Exception {
        // The same subject and raw line three ways: the emoji as UTF-8 bytes, as escapes, and a lone surrogate (escapes only).
        String subject = "CN=mx \ud83d\udce7 \ud800 end";
        String raw = "TLS_AES_128_GCM_SHA256 \ud83d\ude00 \udc00";
        String file = """
                {"schema": "tlsverdict/facts/v1", "endpoints": [
                  {"endpoint": {"host": "mx.example", "port": 25},
                   "certificates": [{"position": 0, "subject": "CN=mx \ud83d\udce7 \\ud800 end"}],
                   "ciphers": {"TLSv1.3": [{"iana": "TLS_AES_128_GCM_SHA256",
                                            "provenance": {"collector": "manual", "raw": "TLS_AES_128_GCM_SHA256 \\uD83D\\uDE00 \\udc00"}}]}}]}
                """;
        EndpointFacts e = parse(file).endpoints().get(0);
        assertThat(e.certificates().get(0).subject()).isEqualTo(subject);
        assertThat(e.ciphers().get(TlsVersion.TLSv1_3).get(0).provenance().raw()).isEqualTo(raw);
        // import -o x.json / scan -o x.json: every surrogate as an escape, read back as it was.
        String json = FactsCodec.toJson(new FactsDocument(FactsDocument.SCHEMA, List.of(e), null));
        assertThat(json).contains("CN=mx \\uD83D\\uDCE7 \\uD800 end").contains("TLS_AES_128_GCM_SHA256 \\uD83D\\uDE00 \\uDC00");
        assertThat(json.chars().filter(c -> Character.isSurrogate((char) c))).isEmpty();
        EndpointFacts back = FactsCodec.parse(json.getBytes(StandardCharsets.UTF_8), "again.json").endpoints().get(0);
        assertThat(back.certificates().get(0).subject()).isEqualTo(subject);
        assertThat(back.ciphers().get(TlsVersion.TLSv1_3).get(0).provenance().raw()).isEqualTo(raw);
    }

    @Test
    void badInputGetsOneLineNamingTheFile() {
        assertThatThrownBy(() -> parse(MINIMAL.substring(0, 80)))
                .isInstanceOf(FactsFormatException.class).hasMessageStartingWith("in.json: ").message().doesNotContain("\n");
        assertThatThrownBy(() -> parse("")).hasMessage("in.json: empty file");
        assertThatThrownBy(() -> parse("{\"schema\": \"other/v2\", \"endpoints\": []}")).hasMessageContaining("schema is 'other/v2'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("\"port\": 25", "\"port\": \"smtp\"")))
                .hasMessageContaining("in.json: ").hasMessageContaining("port");
        assertThatThrownBy(() -> parse(MINIMAL.replace("\"offered\", \"TLSv1.0\"", "\"maybe\", \"TLSv1.0\"")))
                .hasMessageContaining("maybe");
        assertThatThrownBy(() -> parse(MINIMAL.replace("\"protocols\"", "\"protocol\"")))
                .hasMessageContaining("unknown key 'protocol'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("\"port\": 25", "\"port\": 70000")))
                .hasMessageContaining("70000 is not a TCP port");
        assertThatThrownBy(() -> parse("\u0000\u0001\u0002binary")).isInstanceOf(FactsFormatException.class)
                .message().doesNotContain("\n");
    }
}
