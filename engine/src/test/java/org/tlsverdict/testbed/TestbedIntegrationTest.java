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
 * Real Postfix (25, 587, 465) and Dovecot (993, 995) started by scripts/testbed/up in each of the
 * three configurations, scanned end to end by nmap and sslscan on every port and by testssl.sh on
 * port 25, then judged by privacyguides-proposed.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestbedIntegrationTest {

    static final List<String> TARGETS = List.of("smtp://127.0.0.1:25", "submission://127.0.0.1:587",
            "smtps://127.0.0.1:465", "imaps://127.0.0.1:993", "pop3s://127.0.0.1:995");

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
        var options = new ScanRunner.ScanOptions(work.resolve(runner.name()), 10, 900, 0, "auto",
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
    }
}
