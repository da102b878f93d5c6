package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.VulnStatus;
import org.tlsverdict.facts.Vulnerability;

/** The shapes of testssl.sh output that changed between 2.9dev and 3.3dev, and its CSV. */
class TestsslGenerationsTest {

    static final Path WILD = Path.of("fixtures/wild");

    static FactsDocument read(String json, String from) throws FactsFormatException {
        return InputReader.parse(json.getBytes(StandardCharsets.UTF_8), "t.json", from);
    }

    static String finding(String id, String ip, String severity, String text) {
        return "{\"id\":\"" + id + "\",\"ip\":\"" + ip + "\",\"port\":\"25\",\"severity\":\"" + severity + "\",\"finding\":\"" + text + "\"}";
    }

    static String flat(String... findings) {
        return "[" + String.join(",", findings) + "]";
    }

    static final String HOST = "mx.example/192.0.2.7";

    @Test
    void csvIsDetectedAndForcedFormatReadsItToo() throws Exception {
        Path csv = WILD.resolve("testssl-3.3dev-baseline-2026-05-csv/default_testssl.csvfile");
        FactsDocument detected = InputReader.read(csv, "b.csv");
        FactsDocument forced = InputReader.read(csv, "b.csv", "testssl");
        assertThat(FactsCodec.toJson(forced)).isEqualTo(FactsCodec.toJson(detected));
        // engine_problem with target "/" is a tool note, not a second endpoint
        assertThat(detected.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.endpoint().host()).isEqualTo("testssl.sh");
            assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_3, Support.OFFERED).containsEntry(TlsVersion.TLSv1_1, Support.NOT_OFFERED);
            assertThat(e.versionNotStated().groups()).contains("x25519mlkem768", "x25519", "secp256r1", "ffdhe2048");
            assertThat(e.ciphers().get(TlsVersion.TLSv1_3)).extracting(CipherEntry::iana)
                    .containsExactly("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256");
        });
    }

    @Test
    void toolNotesBelongToNoEndpoint() throws Exception {
        FactsDocument d = read(flat(finding("engine_problem", "/", "WARN", "No engine or GOST support"),
                finding("engine_problem", "mx.example/", "WARN", "No engine or GOST support"),
                finding("TLS1_2", HOST, "OK", "offered")), null);
        assertThat(d.endpoints()).singleElement().satisfies(e -> assertThat(e.endpoint().ip()).isEqualTo("192.0.2.7"));
        assertThatThrownBy(() -> read(flat(finding("engine_problem", "/", "WARN", "No engine")), null))
                .isInstanceOf(FactsFormatException.class).hasMessageContaining("no finding names a target");
    }

    @Test
    void lowerCaseIdsAndIsOfferedWordingOf29dev() throws Exception {
        EndpointFacts e = InputReader.read(WILD.resolve("testssl-2.9dev-2017-12-pretty-single/test-1.json"), "t").endpoints().get(0);
        assertThat(e.protocols()).containsEntry(TlsVersion.SSLv3, Support.NOT_OFFERED).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED)
                .containsEntry(TlsVersion.TLSv1_3, Support.NOT_OFFERED);
        assertThat(e.vulnerabilities()).extracting(Vulnerability::name).contains("CCS", "POODLE_SSL", "DROWN", "RC4", "CRIME_TLS");
        assertThat(e.vulnerabilities()).filteredOn(v -> v.name().equals("BEAST")).singleElement()
                .satisfies(v -> assertThat(v.status()).isEqualTo(VulnStatus.VULNERABLE));
        assertThat(TestsslFindings.support("is not offered")).isEqualTo(Support.NOT_OFFERED);
        assertThat(TestsslFindings.support("TLSv1.2: server closed TCP connection")).isEqualTo(Support.UNKNOWN);
    }

    /** 3.0's default run (no -E): suites with their DH size but without the version, client order. */
    @Test
    void defaultRunOf30KeepsSuitesWithoutVersion() throws Exception {
        EndpointFacts e = read(flat(
                finding("TLS1", HOST, "INFO", "is not offered"),
                finding("TLS1_2", HOST, "OK", "offered"),
                finding("cipher_order", HOST, "INFO", "NOT a cipher order configured"),
                finding("cipher_x9e", HOST, "OK", "x9e     DHE-RSA-AES128-GCM-SHA256         DH 1024    AESGCM      128      TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
                finding("cipher_x0a", HOST, "OK", "x0a     DES-CBC3-SHA                      RSA        3DES        168      TLS_RSA_WITH_3DES_EDE_CBC_SHA")),
                null).endpoints().get(0);
        assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_0, Support.NOT_OFFERED);
        assertThat(e.ciphers()).isNull();
        assertThat(e.serverPreference()).isNull();
        List<CipherEntry> unstated = e.versionNotStated().ciphers();
        assertThat(unstated).extracting(CipherEntry::iana).containsExactly("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(unstated.get(0).dhBits()).isEqualTo(1024);
    }

    @Test
    void serverOrderPerVersionPlacesSuitesWithoutVersion() throws Exception {
        EndpointFacts e = InputReader.read(WILD.resolve("testssl-2.9dev-2018-03-pretty-default-a/172.217.22.35_p443-20180319-1622.json"), "t")
                .endpoints().get(0);
        assertThat(e.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER);
        assertThat(e.ciphers().get(TlsVersion.TLSv1_0)).extracting(CipherEntry::iana).containsExactly(
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(e.versionNotStated().ciphers()).hasSize(10);
    }

    @Test
    void unrecognisedAlarmingFindingIsKeptAsVulnerability() throws Exception {
        EndpointFacts e = read(flat(
                finding("TLS1_2", HOST, "OK", "offered"),
                finding("heartbleed", HOST, "OK", "not vulnerable"),
                finding("new_attack", HOST, "HIGH", "VULNERABLE (NOT ok)"),
                finding("odd_check", HOST, "CRITICAL", "problem found"),
                finding("quiet_check", HOST, "LOW", "something"),
                finding("cert_expirationStatus", HOST, "CRITICAL", "expired"),
                finding("cipherlist_NULL", HOST, "HIGH", "offered")), null).endpoints().get(0);
        assertThat(e.vulnerabilities()).extracting(Vulnerability::name, Vulnerability::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("HEARTBLEED", VulnStatus.NOT_VULNERABLE),
                org.assertj.core.groups.Tuple.tuple("UNRECOGNISED:new_attack", VulnStatus.VULNERABLE),
                org.assertj.core.groups.Tuple.tuple("UNRECOGNISED:odd_check", VulnStatus.UNKNOWN));
    }

    @Test
    void oldKeySizeWording() throws Exception {
        EndpointFacts e = read(flat(finding("cert_keySize", HOST, "INFO", "256 EC bits")), null).endpoints().get(0);
        assertThat(e.certificates()).singleElement().satisfies(c -> {
            assertThat(c.keyType()).isEqualTo("ECDSA");
            assertThat(c.keyBits()).isEqualTo(256);
        });
    }

    @Test
    void csvWithQuotesAndBrokenRows() throws Exception {
        String csv = "\"id\",\"fqdn/ip\",\"port\",\"severity\",\"finding\",\"cve\",\"cwe\"\n"
                + "\"TLS1_2\",\"mx.example/192.0.2.7\",\"25\",\"OK\",\"offered\",\"\",\"\"\n"
                + "\"banner_server\",\"mx.example/192.0.2.7\",\"25\",\"INFO\",\"says \"\"hi, there\"\"\",\"\",\"\"\n";
        EndpointFacts e = read(csv, null).endpoints().get(0);
        assertThat(e.endpoint().port()).isEqualTo(25);
        assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED);
        assertThatThrownBy(() -> read("\"id\",\"fqdn/ip\",\"port\",\"severity\",\"finding\"\n\"TLS1_2\",\"x/1.2.3.4\"\n", null))
                .isInstanceOf(FactsFormatException.class).hasMessageContaining("t.json").hasMessageContaining("row 2");
        assertThatThrownBy(() -> read("\"id\",\"fqdn/ip\",\"port\",\"severity\",\"finding\"\n\"TLS1_2\",\"x/1.2.3.4\",\"25\",\"OK\",\"offered\n", "testssl"))
                .isInstanceOf(FactsFormatException.class).hasMessageContaining("quoted");
    }

    @Test
    void everyWildTestsslFileNamesItsProvenance() throws Exception {
        try (var dirs = Files.list(WILD)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String p = Files.readString(d.resolve("PROVENANCE"));
                assertThat(p).as(d.toString()).containsAnyOf("repository:", "page:").contains("tool:");
                if (p.contains("repository:")) {
                    assertThat(p).as(d.toString()).contains("path:").containsPattern("commit: [0-9a-f]{40}");
                }
            }
        }
    }
}
