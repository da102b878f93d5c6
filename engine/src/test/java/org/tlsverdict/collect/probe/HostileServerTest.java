package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;

/**
 * The hostile-server harness: every misbehaving server ends within bounded time (each connection
 * within its timeout), and what it did not honestly answer stays unknown.
 */
class HostileServerTest {

    private static final int TIMEOUT_SECONDS = 1;

    private static NativeProber.Result scan(HostileServer server, Starttls starttls, ProbeLimits limits) throws ScanException {
        ScanTarget target = ScanTarget.parse("127.0.0.1:" + server.port());
        NativeProber.Settings settings = new NativeProber.Settings(TIMEOUT_SECONDS, 60, 0, starttls, null, false);
        return new NativeProber(org.tlsverdict.facts.CipherRegistry.standard()).probe(target, settings, limits, ScanRunner.ScanProgress.SILENT);
    }

    private static ProbeLimits limits(int deadlineSeconds) {
        return new ProbeLimits(TIMEOUT_SECONDS * 1000, System.nanoTime() + deadlineSeconds * 1_000_000_000L, 0, 600, 512 * 1024, 50, 3);
    }

    private static long timed(ThrowingRunnable r) throws Exception {
        long start = System.nanoTime();
        r.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void assertNothingKnown(EndpointFacts f) {
        assertThat(f.protocols()).isNull();
        assertThat(f.ciphers()).isNull();
        assertThat(f.serverPreference()).isNull();
        assertThat(f.certificates()).isNull();
        assertThat(f.features()).isNull();
    }

    @Test
    void stallingServerIsGivenUpWithinTheTimeoutPerConnection() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.STALL)) {
            NativeProber.Result[] r = new NativeProber.Result[1];
            long ms = timed(() -> r[0] = scan(s, null, limits(30)));
            assertNothingKnown(r[0].facts());
            assertThat(r[0].connections()).isLessThanOrEqualTo(3);
            assertThat(ms).isLessThan(r[0].connections() * (TIMEOUT_SECONDS * 1000L + 500));
            assertThat(r[0].problems()).anyMatch(p -> p.contains("no answer"));
        }
    }

    @Test
    void garbageIsNotAFact() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.GARBAGE)) {
            NativeProber.Result r = scan(s, null, limits(30));
            assertNothingKnown(r.facts());
            assertThat(r.problems()).anyMatch(p -> p.contains("not a TLS record"));
        }
    }

    @Test
    void resetMidHandshakeIsNotARefusal() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.RESET_MID_HANDSHAKE)) {
            NativeProber.Result r = scan(s, null, limits(30));
            assertNothingKnown(r.facts());
        }
    }

    @Test
    void lyingServerHelloOnlyCountsWhereItFitsTheOffer() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.LYING_SERVER_HELLO)) {
            NativeProber.Result r = scan(s, null, limits(30));
            EndpointFacts f = r.facts();
            // The first hello offered 0xC030 and TLS 1.2, so that answer is plausible; every later
            // answer names a suite or version that was not offered and is discarded.
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED)
                    .doesNotContainKeys(TlsVersion.TLSv1_1, TlsVersion.TLSv1_0, TlsVersion.SSLv3);
            assertThat(f.ciphers()).isNull();
            assertThat(f.serverPreference()).isNull();
            assertThat(r.problems()).anyMatch(p -> p.contains("was not offered"));
        }
    }

    @Test
    void hugeChainLeavesTheCertificateUnknownAndTheRestIntact() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.HUGE_CHAIN)) {
            NativeProber.Result[] r = new NativeProber.Result[1];
            long ms = timed(() -> r[0] = scan(s, null, limits(60)));
            EndpointFacts f = r[0].facts();
            assertThat(f.certificates()).isNull();
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).containsEntry(TlsVersion.TLSv1_1, Support.NOT_OFFERED);
            List<CipherEntry> suites = f.ciphers().get(TlsVersion.TLSv1_2);
            assertThat(suites).extracting(CipherEntry::iana)
                    .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA");
            // The ServerKeyExchange after the flood was never read: the curve is unknown, not guessed.
            assertThat(suites.get(0).group()).isNull();
            assertThat(ms).isLessThan(20_000);
        }
    }

    @Test
    void honestServerBehindSmtpFrontIsFullyDescribed() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.HONEST_TLS12).smtp(-1, 0)) {
            NativeProber.Result r = scan(s, Starttls.SMTP, limits(30));
            EndpointFacts f = r.facts();
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).containsEntry(TlsVersion.TLSv1_3, Support.NOT_OFFERED)
                    .containsEntry(TlsVersion.TLSv1_0, Support.NOT_OFFERED).containsEntry(TlsVersion.SSLv2, Support.NOT_OFFERED);
            assertThat(f.ciphers().get(TlsVersion.TLSv1_2)).extracting(CipherEntry::code).containsExactly("0xC0,0x2F", "0x00,0x2F");
            assertThat(f.ciphers().get(TlsVersion.TLSv1_2).get(0).group()).isEqualTo("x25519");
            assertThat(f.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER);
            assertThat(f.certificates()).hasSize(1);
            assertThat(f.features().secureRenegotiation()).isEqualTo(TriState.YES);
            assertThat(f.features().extendedMasterSecret()).isEqualTo(TriState.NO);
            assertThat(f.features().fallbackScsv()).isNull();
            assertThat(r.connections()).isEqualTo(s.connections());
        }
    }

    @Test
    void smtp421BacksOffAndResumesWithoutLosingFacts() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.HONEST_TLS12).smtp(3, 2)) {
            NativeProber.Result r = scan(s, Starttls.SMTP, limits(30));
            EndpointFacts f = r.facts();
            assertThat(f.ciphers().get(TlsVersion.TLSv1_2)).hasSize(2);
            assertThat(f.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER);
            assertThat(r.problems()).filteredOn(p -> p.startsWith("throttled: SMTP greeting 421")).hasSize(2);
        }
    }

    @Test
    void sslv3AndTls10WithRc4And3desAreEnumeratedOverImapAndPop3() throws Exception {
        for (String dialect : new String[] {"imap", "pop3"}) {
            try (HostileServer s = new HostileServer(HostileServer.Behaviour.HONEST_TLS12).dialect(dialect)
                    .offering(new int[] {0x0300, 0x0301}, 0x000A, 0x0005, 0xC013)) {
                NativeProber.Result r = scan(s, Starttls.parse(dialect).orElseThrow(), limits(30));
                EndpointFacts f = r.facts();
                assertThat(f.protocols()).as(dialect).containsEntry(TlsVersion.SSLv3, Support.OFFERED).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED)
                        .containsEntry(TlsVersion.TLSv1_1, Support.NOT_OFFERED).containsEntry(TlsVersion.TLSv1_3, Support.NOT_OFFERED);
                assertThat(f.ciphers().get(TlsVersion.SSLv3)).extracting(CipherEntry::code).containsExactly("0x00,0x0A", "0x00,0x05", "0xC0,0x13");
                assertThat(f.ciphers().get(TlsVersion.TLSv1_0)).extracting(CipherEntry::iana)
                        .containsExactly("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
                assertThat(f.serverPreference()).containsEntry(TlsVersion.SSLv3, Preference.SERVER);
                // The fake server ignores TLS_FALLBACK_SCSV: that is a fact, not an unknown.
                assertThat(f.features().fallbackScsv()).isEqualTo(TriState.NO);
                assertThat(f.endpoint().transport().toString()).isEqualTo("starttls");
            }
        }
    }

    @Test
    void refusedMidScanKeepsWhatWasLearned() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.HONEST_TLS12).acceptOnly(2)) {
            NativeProber.Result r = scan(s, null, limits(30));
            EndpointFacts f = r.facts();
            assertThat(f.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).containsEntry(TlsVersion.TLSv1_1, Support.NOT_OFFERED);
            assertThat(f.ciphers()).isNull();
            assertThat(r.problems()).anyMatch(p -> p.contains("keeps refusing (connection refused)"));
        }
    }

    @Test
    void nothingListeningIsAScanError() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ScanTarget target = ScanTarget.parse("127.0.0.1:" + port);
        assertThatThrownBy(() -> new NativeProber(org.tlsverdict.facts.CipherRegistry.standard())
                .probe(target, new NativeProber.Settings(1, 5, 0, null, null, false), ScanRunner.ScanProgress.SILENT))
                .isInstanceOf(ScanException.class).hasMessageStartingWith("127.0.0.1:" + port + ": cannot connect");
    }

    @Test
    void pacingSpacesConnections() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.HONEST_TLS12)) {
            ProbeLimits paced = new ProbeLimits(1000, System.nanoTime() + 30_000_000_000L, 600, 600, 512 * 1024, 50, 3);
            NativeProber.Result[] r = new NativeProber.Result[1];
            long ms = timed(() -> r[0] = scan(s, null, paced));
            // 600/min is one connection per 100 ms.
            assertThat(ms).isGreaterThanOrEqualTo((r[0].connections() - 1) * 100L - 50);
        }
    }
}
