package org.tlsverdict.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.probe.NativeRunner;
import org.tlsverdict.collect.runner.NmapRunner;
import org.tlsverdict.collect.runner.SslscanRunner;
import org.tlsverdict.collect.runner.TestsslRunner;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * Real Postfix (25, 587, 465) and Dovecot (143, 993, 110, 995) started by scripts/testbed/up in each
 * of the three configurations, scanned end to end by nmap and sslscan on every port and by
 * testssl.sh on port 25, then judged by privacyguides-proposed. The native prober scans every port
 * too and must report the same facts as sslscan of the same server in the same run.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestbedIntegrationTest {

    static final List<String> TARGETS = List.of("smtp://127.0.0.1:25", "submission://127.0.0.1:587",
            "smtps://127.0.0.1:465", "imaps://127.0.0.1:993", "pop3s://127.0.0.1:995");

    /** STARTTLS IMAP and POP3: served by Dovecot in every configuration, scanned by native and sslscan. */
    static final List<String> STARTTLS_MAILBOX = List.of("imap://127.0.0.1:143", "pop3://127.0.0.1:110");

    @TempDir
    static Path work;

    static void up(String config) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("scripts/testbed/up", config).redirectErrorStream(true)
                .redirectOutput(work.resolve("up-" + config + ".log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IOException("scripts/testbed/up " + config + " failed: " + Files.readString(work.resolve("up-" + config + ".log")));
        }
    }

    @AfterAll
    static void down() throws Exception {
        new ProcessBuilder("scripts/testbed/down").start().waitFor();
    }

    static EndpointFacts scan(ScanRunner runner, String target) throws Exception {
        var options = new ScanRunner.ScanOptions(work.resolve(runner.name()), 10, 900, 0, org.tlsverdict.collect.Starttls.AUTO,
                Path.of("/var/tmp/tlsverdict-testbed/certs/ca.pem"));
        return runner.scan(ScanTarget.parse(target), options, ScanRunner.ScanProgress.SILENT).facts();
    }

    static Map<String, Verdict> judge(EndpointFacts facts) throws Exception {
        CompiledPolicy p = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        var r = new Evaluator(p, CipherRegistry.standard(), Instant.now()).evaluate(facts, "testbed");
        return r.verdicts().stream().collect(java.util.stream.Collectors.toMap(Verdict::criterion, v -> v));
    }

    static List<String> suites(EndpointFacts e, TlsVersion v) {
        return e.ciphers().getOrDefault(v, List.of()).stream().map(CipherEntry::iana).toList();
    }

    /**
     * Scans every port with the native prober, sslscan and nmap and asserts the same facts:
     * versions and suites per version and DHE sizes as sslscan saw them, preference per version and
     * the server's order as nmap saw them (sslscan does not report preference). Returns the native
     * facts by target.
     */
    static Map<String, EndpointFacts> nativeAgreesWithSslscan(String config) throws Exception {
        Map<String, EndpointFacts> out = new java.util.LinkedHashMap<>();
        List<String> all = new java.util.ArrayList<>(TARGETS);
        all.addAll(STARTTLS_MAILBOX);
        for (String target : all) {
            EndpointFacts mine = scan(new NativeRunner(), target);
            EndpointFacts peer = scan(new SslscanRunner(), target);
            EndpointFacts nmap = scan(new NmapRunner(), target);
            String what = config + " " + target;
            assertThat(mine.source().collector()).isEqualTo("native");
            for (TlsVersion v : TlsVersion.values()) {
                Support a = mine.protocols().get(v);
                Support b = peer.protocols().get(v);
                if (b != null && b != Support.UNKNOWN) {
                    assertThat(a).as(what + " " + v).isEqualTo(b);
                }
                if (b != Support.OFFERED) {
                    continue;
                }
                assertThat(suites(mine, v)).as(what + " suites " + v).containsExactlyInAnyOrderElementsOf(suites(peer, v));
                Preference nmapSays = nmap.serverPreference() == null ? null : nmap.serverPreference().get(v);
                if (nmapSays == Preference.SERVER || nmapSays == Preference.CLIENT) {
                    assertThat(mine.serverPreference().get(v)).as(what + " preference " + v).isEqualTo(nmapSays);
                }
                if (nmapSays == Preference.SERVER) {
                    assertThat(suites(mine, v)).as(what + " server order " + v).containsExactlyElementsOf(suites(nmap, v));
                }
                Map<String, Integer> dh = new java.util.TreeMap<>();
                peer.ciphers().get(v).stream().filter(c -> c.dhBits() != null && c.iana().startsWith("TLS_DHE_"))
                        .forEach(c -> dh.put(c.iana(), c.dhBits()));
                mine.ciphers().get(v).stream().filter(c -> dh.containsKey(c.iana()))
                        .forEach(c -> assertThat(c.dhBits()).as(what + " DHE bits " + c.iana()).isEqualTo(dh.get(c.iana())));
            }
            Path testssl = Path.of("fixtures", "scans", config, target.replaceAll(".*:", "") + "-" + target.replaceAll("://.*", ""),
                    "testssl.json");
            if (Files.exists(testssl)) {
                // testssl.sh's saved findings on the same configuration and port: every vulnerability both decide must agree.
                Map<String, org.tlsverdict.facts.VulnStatus> theirs = new java.util.TreeMap<>();
                org.tlsverdict.collect.InputReader.read(testssl, "testssl.json").endpoints().get(0).vulnerabilities()
                        .forEach(x -> theirs.putIfAbsent(x.name(), x.status()));
                int compared = 0;
                for (var x : mine.vulnerabilities()) {
                    var t = theirs.get(x.name());
                    if (t != null && t != org.tlsverdict.facts.VulnStatus.UNKNOWN && x.status() != org.tlsverdict.facts.VulnStatus.UNKNOWN) {
                        assertThat(x.status()).as(what + " " + x.name() + ": " + x.detail()).isEqualTo(t);
                        compared++;
                    }
                }
                assertThat(compared).as(what + " vulnerabilities compared with testssl.sh").isGreaterThanOrEqualTo(10);
            }
            assertThat(mine.vulnerabilities()).extracting(x -> x.name()).contains("HEARTBLEED", "CCS", "SECURE_CLIENT_RENEGO", "ROBOT");
            assertThat(mine.vulnerabilities()).filteredOn(x -> List.of("HEARTBLEED", "CCS").contains(x.name()))
                    .allSatisfy(x -> assertThat(x.status()).as(what + " " + x.name()).isEqualTo(org.tlsverdict.facts.VulnStatus.NOT_VULNERABLE));
            assertThat(mine.certificates()).as(what).isNotEmpty();
            assertThat(mine.certificates().get(0).trusted()).as(what).hasToString("yes");
            out.put(target, mine);
        }
        return out;
    }

    @Test
    @Order(1)
    void strongConfiguration() throws Exception {
        up("strong");
        for (String target : TARGETS) {
            for (ScanRunner runner : List.of(new NmapRunner(), new SslscanRunner())) {
                EndpointFacts e = scan(runner, target);
                assertThat(e.protocols()).as(runner.name() + " " + target).containsEntry(TlsVersion.TLSv1_0, Support.NOT_OFFERED)
                        .containsEntry(TlsVersion.TLSv1_1, Support.NOT_OFFERED).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED)
                        .containsEntry(TlsVersion.TLSv1_3, Support.OFFERED);
                assertThat(suites(e, TlsVersion.TLSv1_2)).as(runner.name() + " " + target)
                        .isNotEmpty().allMatch(s -> s.startsWith("TLS_ECDHE_") && (s.contains("GCM") || s.contains("CHACHA20")));
                Map<String, Verdict> v = judge(e);
                assertThat(v.get("PGP-DHE-2048").status()).isEqualTo(Status.PASS);
                assertThat(v.get(target.startsWith("smtp:") ? "PGP-TLS-PORT25" : "PGP-TLS-MANDATORY").status()).isNotEqualTo(Status.FAIL);
            }
        }
        EndpointFacts nmap25 = scan(new NmapRunner(), TARGETS.get(0));
        assertThat(nmap25.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER);
        Map<String, EndpointFacts> mine = nativeAgreesWithSslscan("strong");
        for (EndpointFacts e : mine.values()) {
            assertThat(e.protocols()).containsEntry(TlsVersion.SSLv2, Support.NOT_OFFERED).containsEntry(TlsVersion.SSLv3, Support.NOT_OFFERED)
                    .containsEntry(TlsVersion.TLSv1_3, Support.OFFERED);
            assertThat(judge(e).get("PGP-DHE-2048").status()).isEqualTo(Status.PASS);
        }
    }

    @Test
    @Order(2)
    void legacyConfiguration() throws Exception {
        up("legacy");
        for (String target : TARGETS) {
            EndpointFacts e = scan(new SslscanRunner(), target);
            assertThat(e.protocols()).as(target).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED);
            assertThat(suites(e, TlsVersion.TLSv1_0)).as(target).contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");
            assertThat(e.ciphers().get(TlsVersion.TLSv1_2)).filteredOn(c -> c.iana().startsWith("TLS_DHE_"))
                    .isNotEmpty().extracting(CipherEntry::dhBits).containsOnly(1024);
            assertThat(judge(e).get("PGP-DHE-2048").status()).isEqualTo(Status.FAIL);
        }
        EndpointFacts nmap = scan(new NmapRunner(), TARGETS.get(1));
        assertThat(nmap.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.CLIENT);
        assertThat(judge(nmap).get("PGP-TLS-MANDATORY").status()).isEqualTo(Status.FAIL);
        assertThat(judge(nmap).get("PGP-SERVER-ORDER").status()).isEqualTo(Status.FAIL);
        Map<String, EndpointFacts> mine = nativeAgreesWithSslscan("legacy");
        for (EndpointFacts e : mine.values()) {
            // The private OpenSSL of the legacy configuration still serves SSLv3 and 3DES.
            assertThat(suites(e, TlsVersion.TLSv1_0)).contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
            assertThat(e.ciphers().get(TlsVersion.TLSv1_2)).filteredOn(c -> c.iana().startsWith("TLS_DHE_"))
                    .isNotEmpty().allSatisfy(c -> assertThat(c.dhBits()).isEqualTo(1024));
            assertThat(judge(e).get("PGP-DHE-2048").status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    @Order(3)
    void relaxedConfiguration() throws Exception {
        up("relaxed");
        EndpointFacts mx = scan(new TestsslRunner(), TARGETS.get(0));
        assertThat(mx.protocols()).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED).containsEntry(TlsVersion.TLSv1_3, Support.OFFERED);
        assertThat(mx.serverPreference()).containsEntry(TlsVersion.TLSv1_2, Preference.SERVER);
        assertThat(mx.ciphers().get(TlsVersion.TLSv1_2)).filteredOn(c -> c.iana().startsWith("TLS_DHE_"))
                .isNotEmpty().extracting(CipherEntry::dhBits).containsOnly(2048);
        assertThat(mx.certificates()).first().satisfies(c -> {
            assertThat(c.trusted()).hasToString("yes");
            assertThat(c.keyBits()).isEqualTo(2048);
        });
        Map<String, Verdict> v = judge(mx);
        assertThat(v.get("PGP-TLS-PORT25").status()).isEqualTo(Status.PASS);
        assertThat(v.get("PGP-DHE-2048").status()).isEqualTo(Status.PASS);
        assertThat(v.get("PGP-ORDER-STRENGTH").status()).isEqualTo(Status.PASS);
        // sslscan also tests SSLv2 (nmap's script does not), so the version criterion can pass.
        for (String target : TARGETS.subList(1, TARGETS.size())) {
            EndpointFacts e = scan(new SslscanRunner(), target);
            assertThat(e.protocols()).as(target).containsEntry(TlsVersion.TLSv1_0, Support.NOT_OFFERED);
            assertThat(judge(e).get("PGP-TLS-MANDATORY").status()).as(target).isEqualTo(Status.PASS);
            assertThat(judge(e).get("PGP-STRONG-ONLY").status()).as(target).isEqualTo(Status.PASS);
        }
        Map<String, EndpointFacts> mine = nativeAgreesWithSslscan("relaxed");
        assertThat(mine.get(TARGETS.get(0)).protocols()).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED);
        assertThat(judge(mine.get(TARGETS.get(0))).get("PGP-TLS-PORT25").status()).isEqualTo(Status.PASS);
        assertThat(judge(mine.get(TARGETS.get(1))).get("PGP-TLS-MANDATORY").status()).isEqualTo(Status.PASS);
    }
}
