package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tlsverdict.collect.importer.ImporterFixtures.names;
import static org.tlsverdict.collect.importer.ImporterFixtures.parse;

import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.VulnStatus;
import org.tlsverdict.facts.Vulnerability;

/** The known traps of testssl.sh JSON, each on a small snippet shaped like real output. */
class TestsslTrapsTest {

    private static String flat(String... findings) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < findings.length; i++) {
            String[] f = findings[i].split("\\|", 3);
            sb.append(i == 0 ? "" : ",").append("{\"id\": \"").append(f[0]).append("\", \"ip\": \"mx.example/192.0.2.1\", \"port\": \"25\", \"severity\": \"")
                    .append(f[1]).append("\", \"finding\": \"").append(f[2]).append("\"}\n");
        }
        return sb.append("]").toString();
    }

    @Test
    void duplicateLogjamFindingsMergeToTheWorse() throws Exception {
        EndpointFacts e = parse(flat("LOGJAM|OK|not vulnerable, no DH EXPORT ciphers,",
                "LOGJAM|MEDIUM|no DH EXPORT ciphers, no common prime but Unknown DH group has only 1024 bits,"), null);
        assertThat(e.vulnerabilities()).singleElement().extracting(Vulnerability::status).isEqualTo(VulnStatus.VULNERABLE);
    }

    @Test
    void dhSizeComesFromTheSuiteNotFromDhGroups() throws Exception {
        EndpointFacts e = parse(flat("TLS1_2|OK|offered",
                "DH_groups|OK|ffdhe2048 ffdhe3072 ffdhe4096 ffdhe6144 ffdhe8192",
                "cipher-tls1_2_x9f|INFO|TLS 1.2   x9f     DHE-RSA-AES256-GCM-SHA384         DH 1024    AESGCM      256      TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"), null);
        assertThat(e.ciphers().get(TlsVersion.TLSv1_2)).singleElement().satisfies(c -> {
            assertThat(c.dhBits()).isEqualTo(1024);
            assertThat(c.iana()).isEqualTo("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
            assertThat(c.code()).isEqualTo("0x009F");
        });
    }

    @Test
    void readsBoth30And32FindingText() throws Exception {
        EndpointFacts e = parse(flat("TLS1_2|OK|offered",
                "cipher-tls1_2_xc030|OK|TLSv1.2   xc030   ECDHE-RSA-AES256-GCM-SHA384       ECDH 253   AESGCM      256      TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "cipher-tls1_2_x9f|INFO|TLS 1.2   x9f     DHE-RSA-AES256-GCM-SHA384         DH 2048    AESGCM      256      TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"), null);
        assertThat(e.ciphers().get(TlsVersion.TLSv1_2)).extracting(c -> c.group(), c -> c.dhBits())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x25519", null), org.assertj.core.groups.Tuple.tuple(null, 2048));
    }

    @Test
    void perProtocolOrderVerdictOf32AndGlobalVerdictOf30() throws Exception {
        EndpointFacts v32 = parse(flat("TLS1_2|OK|offered", "TLS1_3|OK|offered with final",
                "cipher_order-tls1_2|OK|server", "cipher_order-tls1_3|INFO|NOT a cipher order configured",
                "cipher-tls1_2_xc030|OK|TLSv1.2   xc030   ECDHE-RSA-AES256-GCM-SHA384       ECDH 253   AESGCM      256      TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), null);
        assertThat(v32.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER)
                .containsEntry(TlsVersion.TLSv1_3, Preference.CLIENT);
        EndpointFacts v30 = parse(flat("TLS1_2|OK|offered", "cipher_order|OK|server",
                "cipher-tls1_2_x2f|INFO|TLS 1.2   x2f     AES128-SHA                        RSA        AES         128      TLS_RSA_WITH_AES_128_CBC_SHA",
                "cipher-tls1_2_xc030|INFO|TLS 1.2   xc030   ECDHE-RSA-AES256-GCM-SHA384       ECDH 253   AESGCM      256      TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "cipherorder_TLSv1_2|INFO|ECDHE-RSA-AES256-GCM-SHA384 AES128-SHA"), null);
        assertThat(v30.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER).doesNotContainKey(TlsVersion.TLSv1_3);
        // -E lists by strength; cipherorder_TLSv1_2 restores the server's order.
        assertThat(names(v30, TlsVersion.TLSv1_2)).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA");
    }

    @Test
    void problemsAndWarningsMeanUnknownNotNo() throws Exception {
        EndpointFacts e = parse(flat("SSLv3|WARN|not tested due to lack of local support", "TLS1|OK|not offered",
                "heartbleed|OK|not vulnerable, no heartbeat extension", "ROBOT|WARN|check failed",
                "ticketbleed|INFO|not tested"), null);
        assertThat(e.protocols()).containsEntry(TlsVersion.SSLv3, Support.UNKNOWN).containsEntry(TlsVersion.TLSv1_0, Support.NOT_OFFERED);
        assertThat(e.vulnerabilities()).extracting(Vulnerability::name, Vulnerability::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("HEARTBLEED", VulnStatus.NOT_VULNERABLE),
                org.assertj.core.groups.Tuple.tuple("TICKETBLEED", VulnStatus.UNKNOWN));
    }

    @Test
    void pfsIdsAndHostCertSuffixes() throws Exception {
        EndpointFacts e = parse(flat("cert_keySize <hostCert#1>|INFO|EC 256 bits (curve P-256)",
                "cert_keySize <hostCert#2>|INFO|RSA 4096 bits (exponent is 65537)",
                "cert_chain_of_trust <hostCert#1>|OK|passed.", "cert_trust <hostCert#1>|OK|Ok via SAN",
                "cert_notAfter <hostCert#1>|OK|2030-01-01 00:00", "PFS|OK|offered"), null);
        assertThat(e.certificates()).singleElement().satisfies(c -> {
            assertThat(c.keyType()).isEqualTo("ECDSA");
            assertThat(c.keyBits()).isEqualTo(256);
            assertThat(c.curve()).isEqualTo("secp256r1");
            assertThat(c.trusted()).hasToString("yes");
            assertThat(c.hostnameMatch()).hasToString("yes");
        });
    }

    @Test
    void multiTargetFlatFileGivesOneEndpointEach() throws Exception {
        String two = "[{\"id\":\"TLS1_2\",\"ip\":\"a.example/192.0.2.1\",\"port\":\"25\",\"severity\":\"OK\",\"finding\":\"offered\"},"
                + "{\"id\":\"TLS1_2\",\"ip\":\"b.example/192.0.2.2\",\"port\":\"465\",\"severity\":\"OK\",\"finding\":\"not offered\"}]";
        var all = org.tlsverdict.collect.InputReader.parse(two.getBytes(), "two.json", null).endpoints();
        assertThat(all).extracting(x -> x.endpoint().host() + ":" + x.endpoint().port()).containsExactly("a.example:25", "b.example:465");
    }

    @Test
    void notAFindingArrayIsOneLine() {
        assertThatThrownBy(() -> parse("[{\"id\": \"x\"}]", "testssl")).isInstanceOf(FactsFormatException.class)
                .hasMessageStartingWith("snippet: array element is not a testssl.sh finding");
        assertThatThrownBy(() -> parse("[{\"id\": \"TLS1\", \"finding\": \"offe", "testssl"))
                .hasMessageStartingWith("snippet: ");
    }

    @Test
    void certificateTextOutsideTheBmpAndALoneSurrogateSurviveImportAndJson() throws Exception {
        // testssl.sh writes JSON; a name with an emoji may come as UTF-8 or as escapes, a lone surrogate only escaped.
        EndpointFacts e = parse(flat("TLS1_2|OK|offered", "cert_commonName|OK|mx \ud83d\udce7 \\uD83D\\uDE00 \\ud800.example",
                "cert_chain_of_trust|CRITICAL|failed \\udc00 (self signed)"), null);
        String subject = "CN=mx \ud83d\udce7 \ud83d\ude00 \ud800.example";
        assertThat(e.certificates()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo(subject);
            assertThat(c.provenance().raw()).contains("failed \udc00 (self signed)");
        });
        // import -o facts.json, then evaluate: the same texts.
        String json = org.tlsverdict.facts.FactsCodec.toJson(org.tlsverdict.facts.FactsDocument.of(java.util.List.of(e)));
        EndpointFacts back = org.tlsverdict.facts.FactsCodec.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "f.json")
                .endpoints().get(0);
        assertThat(back.certificates().get(0).subject()).isEqualTo(subject);
        assertThat(back.certificates().get(0).provenance().raw()).isEqualTo(e.certificates().get(0).provenance().raw());
    }
}
