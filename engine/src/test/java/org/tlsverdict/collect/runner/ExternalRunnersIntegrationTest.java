package org.tlsverdict.collect.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;

/**
 * Each external runner end to end against a real openssl s_server on loopback, and the
 * cross-check: the three tools agree on versions, suites and DHE size.
 */
@Tag("integration")
class ExternalRunnersIntegrationTest {

    static final int PORT = 30443;

    @TempDir
    static Path dir;

    static OpensslServer server;

    @BeforeAll
    static void start() throws Exception {
        server = OpensslServer.mixed(dir, PORT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static EndpointFacts scan(ScanRunner runner) throws Exception {
        ScanTarget target = ScanTarget.parse("smtps://127.0.0.1:" + PORT);
        var options = new ScanRunner.ScanOptions(dir.resolve("raw-" + runner.name()), 10, 600, 0, Starttls.NONE, null);
        ScanRunner.ScanResult r = runner.scan(target, options, ScanRunner.ScanProgress.SILENT);
        assertThat(r.rawOutputs()).allMatch(p -> p.toFile().length() > 0);
        assertThat(r.facts().endpoint().port()).isEqualTo(PORT);
        return r.facts();
    }

    private static Map<TlsVersion, List<String>> suites(EndpointFacts e) {
        Map<TlsVersion, List<String>> out = new EnumMap<>(TlsVersion.class);
        e.ciphers().forEach((v, list) -> out.put(v, list.stream().map(CipherEntry::iana).sorted().toList()));
        return out;
    }

    @Test
    void threeToolsAgreeOnVersionsSuitesAndDhSize() throws Exception {
        EndpointFacts nmap = scan(new NmapRunner());
        EndpointFacts sslscan = scan(new SslscanRunner());
        EndpointFacts testssl = scan(new TestsslRunner());
        for (EndpointFacts e : List.of(nmap, sslscan, testssl)) {
            assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED)
                    .containsEntry(TlsVersion.TLSv1_3, Support.OFFERED).containsEntry(TlsVersion.SSLv3, Support.NOT_OFFERED);
            assertThat(e.ciphers().get(TlsVersion.TLSv1_2)).filteredOn(c -> c.iana().startsWith("TLS_DHE_"))
                    .extracting(CipherEntry::dhBits).containsOnly(1024);
        }
        assertThat(suites(nmap)).isEqualTo(suites(sslscan)).isEqualTo(suites(testssl));
        // Server order: nmap and sslscan list TLS 1.2 in the order the server picks.
        assertThat(nmap.ciphers().get(TlsVersion.TLSv1_2).get(0).iana()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(sslscan.ciphers().get(TlsVersion.TLSv1_2).get(0).iana()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(testssl.ciphers().get(TlsVersion.TLSv1_2).get(0).iana()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void missingToolNamesTheDebianPackage() {
        ExternalTool ghost = new ExternalTool("no-such-scanner-here", "no-such-package");
        assertThatThrownBy(ghost::locate).hasMessage("no-such-scanner-here is not installed; install it with: apt-get install no-such-package");
    }

    @Test
    void closedPortIsAOneLineError() {
        var options = new ScanRunner.ScanOptions(dir.resolve("closed"), 2, 60, 0, Starttls.NONE, null);
        assertThatThrownBy(() -> new SslscanRunner().scan(ScanTarget.parse("127.0.0.1:30999"), options, ScanRunner.ScanProgress.SILENT))
                .hasMessageStartingWith("127.0.0.1:30999: ").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
