package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Transport;
import org.tlsverdict.facts.TriState;

/**
 * The native prober against real OpenSSL servers (openssl s_server via scripts/prober) on
 * 127.0.0.1:20100-20499, with the facts checked against what the server was configured with and
 * against `openssl ciphers` of the same OpenSSL.
 */
@Tag("integration")
class ProberIntegrationTest {

    @TempDir
    static Path certs;

    private static NativeProber.Result scan(String target, Starttls starttls, Path ca, boolean groups) throws Exception {
        NativeProber.Settings s = new NativeProber.Settings(5, 120, 0, starttls, ca, groups);
        return new NativeProber(CipherRegistry.standard()).probe(ScanTarget.parse(target), s, ScanRunner.ScanProgress.SILENT);
    }

    private static List<Integer> codes(EndpointFacts f, TlsVersion v) {
        return f.ciphers().get(v).stream().map(e -> CipherRegistry.parseCode(e.code()).orElseThrow()).toList();
    }

    @Test
    void defaultOpensslServerMatchesOpensslsOwnSuiteList() throws Exception {
        try (LocalTargets.Proc server = LocalTargets.sServer(certs)) {
            NativeProber.Result r = scan("127.0.0.1:" + server.port, null, certs.resolve("ca.pem"), false);
            EndpointFacts f = r.facts();
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_3, Support.OFFERED).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED)
                    .containsEntry(TlsVersion.SSLv3, Support.NOT_OFFERED).containsEntry(TlsVersion.SSLv2, Support.NOT_OFFERED);
            assertThat(codes(f, TlsVersion.TLSv1_2)).containsExactlyInAnyOrderElementsOf(LocalTargets.opensslSuites("DEFAULT", "-tls1_2"));
            assertThat(codes(f, TlsVersion.TLSv1_3)).containsExactlyInAnyOrder(0x1301, 0x1302, 0x1303);
            assertThat(f.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.CLIENT).containsEntry(TlsVersion.TLSv1_3, Preference.CLIENT);
            assertThat(f.features().secureRenegotiation()).isEqualTo(TriState.YES);
            assertThat(f.features().compression()).isEqualTo(TriState.NO);
            assertThat(f.features().extendedMasterSecret()).isEqualTo(TriState.YES);
            assertThat(f.features().fallbackScsv()).isEqualTo(TriState.YES);
            // OpenSSL 3 refuses client-initiated renegotiation unless the application allows it.
            java.util.Map<String, org.tlsverdict.facts.VulnStatus> vulns = new java.util.HashMap<>();
            f.vulnerabilities().forEach(v -> vulns.put(v.name(), v.status()));
            assertThat(vulns).containsEntry("SECURE_CLIENT_RENEGO", org.tlsverdict.facts.VulnStatus.NOT_VULNERABLE)
                    .containsEntry("HEARTBLEED", org.tlsverdict.facts.VulnStatus.NOT_VULNERABLE)
                    .containsEntry("CCS", org.tlsverdict.facts.VulnStatus.NOT_VULNERABLE)
                    .containsEntry("ROBOT", org.tlsverdict.facts.VulnStatus.NOT_VULNERABLE);
            assertThat(f.certificates()).hasSize(2);
            assertThat(f.certificates().get(0).subject()).isEqualTo("CN=localhost");
            assertThat(f.certificates().get(0).trusted()).isEqualTo(TriState.YES);
            assertThat(f.certificates().get(0).hostnameMatch()).isEqualTo(TriState.YES);
            int suites = f.ciphers().values().stream().mapToInt(List::size).sum();
            // Floor: one hello per accepted suite and per version; a handful of extras on top, then the vulnerability
            // probes: Heartbleed/CCS and client renegotiation (one each) and ROBOT (five; OpenSSL's defaults accept RSA key transport).
            assertThat(r.connections()).isLessThanOrEqualTo(suites + 2 * f.ciphers().size() + 6 + 2 + 5);
        }
    }

    @Test
    void serverOrderIsRecoveredAndDheSizeAndCustomPrimeAreRead() throws Exception {
        String order = "ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-SHA:AES128-SHA:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES256-GCM-SHA384";
        try (LocalTargets.Proc server = LocalTargets.sServer(certs, "-serverpref", "-cipher", order + ":@SECLEVEL=0", "-dhparam", "dh1024",
                "-no_tls1_3")) {
            EndpointFacts f = scan("127.0.0.1:" + server.port, null, null, false).facts();
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_3, Support.NOT_OFFERED)
                    .containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED);
            assertThat(codes(f, TlsVersion.TLSv1_2)).containsExactly(0xC030, 0x0033, 0x002F, 0xCCA8, 0x009F);
            assertThat(codes(f, TlsVersion.TLSv1_0)).containsExactly(0x0033, 0x002F);
            assertThat(f.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER).containsEntry(TlsVersion.TLSv1_0, Preference.SERVER);
            CipherEntry dhe = f.ciphers().get(TlsVersion.TLSv1_2).get(1);
            assertThat(dhe.dhBits()).isEqualTo(1024);
            assertThat(dhe.dhPrime()).isEqualTo("custom");
            assertThat(f.ciphers().get(TlsVersion.TLSv1_2).get(0).group()).isEqualTo("x25519");
            assertThat(f.certificates().get(0).trusted()).isEqualTo(TriState.NO);
        }
    }

    @Test
    void rfc7919PrimeIsNamed() throws Exception {
        try (LocalTargets.Proc server = LocalTargets.sServer(certs, "-cipher", "DHE-RSA-AES128-GCM-SHA256", "-dhparam", "ffdhe2048", "-no_tls1_3")) {
            CipherEntry e = scan("127.0.0.1:" + server.port, null, null, false).facts().ciphers().get(TlsVersion.TLSv1_2).get(0);
            assertThat(e.dhBits()).isEqualTo(2048);
            assertThat(e.dhPrime()).isEqualTo("rfc7919");
            assertThat(e.group()).isEqualTo("ffdhe2048");
        }
    }

    @Test
    void tls13OnlyServerGivesSuitesGroupsAndItsChainThroughBouncyCastle() throws Exception {
        try (LocalTargets.Proc server = LocalTargets.sServer(certs, "-tls1_3", "-serverpref",
                "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384", "-groups", "secp384r1:X25519")) {
            NativeProber.Result r = scan("127.0.0.1:" + server.port, null, certs.resolve("ca.pem"), true);
            EndpointFacts f = r.facts();
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_3, Support.OFFERED).containsEntry(TlsVersion.TLSv1_2, Support.NOT_OFFERED);
            assertThat(codes(f, TlsVersion.TLSv1_3)).containsExactly(0x1303, 0x1302);
            assertThat(f.serverPreference()).containsEntry(TlsVersion.TLSv1_3, Preference.SERVER);
            assertThat(f.groups().get(TlsVersion.TLSv1_3)).containsExactlyInAnyOrder("x25519", "secp384r1");
            assertThat(f.certificates()).isNotEmpty();
            assertThat(f.certificates().get(0).trusted()).isEqualTo(TriState.YES);
            assertThat(f.certificates().get(0).provenance().raw()).contains("Bouncy Castle");
            assertThat(f.features()).isNull();
        }
    }

    @Test
    void starttlsSmtpThroughAFrontGivesTheBackendsFactsAndTheCountMatches() throws Exception {
        try (LocalTargets.Proc backend = LocalTargets.sServer(certs, "-no_tls1_3", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA");
             SmtpFront front = new SmtpFront(backend.port)) {
            NativeProber.Result r = scan("smtp://127.0.0.1:" + front.port, Starttls.SMTP, null, false);
            EndpointFacts f = r.facts();
            assertThat(f.endpoint().transport()).isEqualTo(Transport.STARTTLS);
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).containsEntry(TlsVersion.TLSv1_3, Support.NOT_OFFERED);
            assertThat(codes(f, TlsVersion.TLSv1_2)).containsExactlyInAnyOrder(0xC02F, 0x0035);
            Thread.sleep(300);
            assertThat(r.connections()).isEqualTo(front.connections.get());
            assertThat(f.certificates()).isNotEmpty();
        }
    }

    @Test
    void legacyVersionsAreFoundWhenEnabled() throws Exception {
        try (LocalTargets.Proc server = LocalTargets.sServer(certs, "-cipher", "ALL:@SECLEVEL=0", "-no_tls1_3")) {
            EndpointFacts f = scan("127.0.0.1:" + server.port, null, null, false).facts();
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED).containsEntry(TlsVersion.TLSv1_1, Support.OFFERED)
                    .containsEntry(TlsVersion.SSLv3, Support.NOT_OFFERED);
            assertThat(codes(f, TlsVersion.TLSv1_2)).containsExactlyInAnyOrderElementsOf(LocalTargets.opensslSuites("ALL:@SECLEVEL=0", "-tls1_2"));
            assertThat(codes(f, TlsVersion.TLSv1_0)).containsExactlyInAnyOrderElementsOf(LocalTargets.opensslSuites("ALL:@SECLEVEL=0", "-tls1"));
        }
    }
}
