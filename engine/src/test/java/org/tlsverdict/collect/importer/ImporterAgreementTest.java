package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsverdict.collect.importer.ImporterFixtures.MIXED;
import static org.tlsverdict.collect.importer.ImporterFixtures.names;
import static org.tlsverdict.collect.importer.ImporterFixtures.only;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;

/**
 * Whole real files: testssl.sh 3.0.8 (flat and pretty, -E), nmap 7.93 (XML and text) and sslscan
 * 2.0.7 run against one openssl s_server (TLS 1.0-1.3, server order, DHE 1024; see the README
 * beside the files). Every importer must read the same facts.
 */
class ImporterAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"testssl.json", "testssl-pretty.json", "nmap.xml", "nmap.txt", "sslscan.xml"})
    void everyToolYieldsTheSameSuitesVersionsAndDhSize(String file) throws Exception {
        EndpointFacts e = only(MIXED + file);
        assertThat(e.endpoint().port()).isEqualTo(31443);
        assertThat(e.protocols()).containsEntry(TlsVersion.SSLv3, Support.NOT_OFFERED)
                .containsEntry(TlsVersion.TLSv1_0, Support.OFFERED).containsEntry(TlsVersion.TLSv1_3, Support.OFFERED);
        assertThat(names(e, TlsVersion.TLSv1_2)).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(names(e, TlsVersion.TLSv1_0)).containsExactly("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(names(e, TlsVersion.TLSv1_3)).containsExactlyInAnyOrder("TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256");
        List<Integer> dh = e.ciphers().get(TlsVersion.TLSv1_2).stream().map(CipherEntry::dhBits).toList();
        assertThat(dh).containsExactly(null, 1024, null);
        assertThat(e.ciphers().get(TlsVersion.TLSv1_2).get(0).group()).isEqualTo("x25519");
        assertThat(e.certificates()).singleElement().satisfies(c -> {
            assertThat(c.keyType()).isEqualTo("RSA");
            assertThat(c.keyBits()).isEqualTo(2048);
            assertThat(c.notAfter()).isNotNull();
        });
    }

    /** What a tool cannot see stays unknown instead of being guessed. */
    @ParameterizedTest
    @ValueSource(strings = {"nmap.xml", "nmap.txt", "sslscan.xml", "testssl.json"})
    void whatAToolCannotSeeStaysUnknown(String file) throws Exception {
        EndpointFacts e = only(MIXED + file);
        switch (file) {
            case "nmap.xml", "nmap.txt" -> {
                assertThat(e.protocols()).doesNotContainKey(TlsVersion.SSLv2);
                assertThat(e.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER);
                assertThat(e.vulnerabilities()).isNull();
            }
            case "sslscan.xml" -> {
                assertThat(e.serverPreference()).isNull();
                assertThat(e.protocols()).containsEntry(TlsVersion.SSLv2, Support.NOT_OFFERED);
            }
            default -> {
                assertThat(e.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER)
                        .doesNotContainKey(TlsVersion.TLSv1_3);
                assertThat(e.vulnerabilities()).extracting(v -> v.name()).contains("HEARTBLEED", "ROBOT", "LOGJAM");
            }
        }
    }
}
