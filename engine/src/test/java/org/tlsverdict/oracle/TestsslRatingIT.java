package org.tlsverdict.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.probe.LocalTargets;
import org.tlsverdict.collect.probe.NativeProber;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.PolicyManifest;
import org.tlsverdict.policy.RuleCompiler;

/**
 * ssllabs-caps against testssl.sh 3.2's own rating, live: Debian's nginx from Mozilla's generated
 * intermediate configuration (scripts/mozilla-oracle/up), and two legacy servers that Debian's
 * OpenSSL cannot be (TLS 1.0/1.1 with 3DES behind the modern suites in the client's order; 3DES
 * first in the server's order), served by {@code openssl s_server} of the project's private weak
 * OpenSSL build (scripts/testbed/build-openssl) started through scripts/prober/s-server. Each is rated by the real testssl.sh 3.2 (Debian
 * 13's package, scripts/testbed/fetch-testssl-3.2) and judged by the policy twice: on the facts
 * of the native prober and on testssl.sh's own output imported. Every letter must agree with
 * testssl.sh's caps or be a difference recorded in rules/ssllabs-caps/policy.yaml. No leaf is
 * trusted (nginx's are self-signed, s-server's come from its test CA), so both sides cap at T.
 * Ports 127.0.0.1:18461-18463; wrap runs in flock -o /tmp/tlsverdict-testbed.lock.
 */
@Tag("integration")
class TestsslRatingIT {

    private static final Path ORACLE = Path.of("scripts/mozilla-oracle");
    private static final String CONF = "fixtures/mozilla-oracle/nginx/intermediate-5.7.conf";
    private static CompiledPolicy compiled;
    private static PolicyManifest manifest;
    private static Path testssl;

    @BeforeAll
    static void setUp() throws Exception {
        var policy = PolicyLoader.load(Path.of("rules/ssllabs-caps"));
        manifest = policy.manifest();
        compiled = RuleCompiler.withoutCache().compile(policy);
        testssl = Path.of(run(List.of("scripts/testbed/fetch-testssl-3.2"), 600).strip());
    }

    @Test
    void generatedIntermediateConfiguration() throws Exception {
        List<TestsslRating.Observed> d = nginx("rating-intermediate", 18461);
        assertThat(d).as("only recorded differences").isEmpty();
    }

    @Test
    void legacyProtocolsWithTripleDesBehindTheModernSuites() throws Exception {
        try (AutoCloseable server = weakServer("rating-legacy", 18462,
                "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:DES-CBC3-SHA:@SECLEVEL=0")) {
            List<TestsslRating.Observed> d = rate("rating-legacy", 18462);
            assertThat(d).as("only recorded differences").isEmpty();
        }
    }

    @Test
    void tripleDesFirstInTheServerOrderCapsAtCWhereTestsslDoesNot() throws Exception {
        try (AutoCloseable server = weakServer("rating-3des-first", 18463, "-serverpref",
                "-cipher", "DES-CBC3-SHA:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0")) {
            List<TestsslRating.Observed> d = rate("rating-3des-first", 18463);
            assertThat(d).as("only recorded differences").isEmpty();
            assertThat(lastNative).as("the setup must make the C cap apply").containsEntry("SSLLABS-CAP-C", "FAIL");
        }
    }

    private static Map<String, String> lastNative = Map.of();

    /**
     * The private weak OpenSSL's s_server through scripts/prober/s-server (as the prober's tests
     * start theirs), TLS 1.0 and up, answering HTTP as a web server does; the test certificates
     * (an RSA leaf for localhost and 127.0.0.1 under a test CA nothing trusts) in a folder of its own.
     */
    private static AutoCloseable weakServer(String name, int port, String... args) throws Exception {
        Path prefix = Path.of(run(List.of("scripts/testbed/build-openssl"), 3600).strip());
        Path certs = Files.createTempDirectory("tlsverdict-" + name);
        List<String> serverArgs = new ArrayList<>(List.of("-min_protocol", "TLSv1", "-www"));
        serverArgs.addAll(List.of(args));
        return LocalTargets.sServerOn(certs, port, Map.of("S_SERVER_OPENSSL_PREFIX", prefix.toString()), serverArgs.toArray(String[]::new));
    }

    /** Mozilla's generated configuration, served as generated. */
    private static List<TestsslRating.Observed> nginx(String name, int port) throws Exception {
        run(List.of(ORACLE.resolve("up").toString(), name, CONF, String.valueOf(port), "ecdsa,rsa"), 60);
        try {
            return rate(name, port);
        } finally {
            run(List.of(ORACLE.resolve("down").toString(), name), 60);
        }
    }

    /**
     * Rates the server with testssl.sh, judges both fact sources and returns the differences that
     * policy.yaml does not record (after asserting the rating was read at all).
     */
    private static List<TestsslRating.Observed> rate(String name, int port) throws Exception {
        Path dir = Files.createTempDirectory("tlsverdict-rating");
        Path json = dir.resolve(name + ".json");
        Path home = testssl.getParent().getParent().getParent();
        runTestssl(List.of(testssl.toString(), "--jsonfile", json.toString(), "--warnings", "off", "--quiet", "--color", "0",
                "--sneaky", "--connect-timeout", "10", "--openssl-timeout", "10", "127.0.0.1:" + port), home);
        List<TestsslRating.Rated> rated = TestsslRating.read(json);
        assertThat(rated).as("testssl.sh rated %s", name).hasSize(1);
        TestsslRating.Rated r = rated.get(0);
        assertThat(r.caps()).as("testssl.sh's caps for %s (untrusted leaves)", name).containsKey("T");

        NativeProber.Settings s = new NativeProber.Settings(5, 180, 0, null, null, true);
        EndpointFacts nativeFacts = new NativeProber(CipherRegistry.standard())
                .probe(ScanTarget.parse("https://127.0.0.1:" + port), s, ScanRunner.ScanProgress.SILENT).facts();
        EndpointFacts imported = InputReader.read(json, json.toString()).endpoints().get(0);
        List<TestsslRating.Observed> unrecorded = new ArrayList<>();
        for (EndpointFacts facts : List.of(nativeFacts, imported)) {
            Map<String, String> ours = TestsslRating.judge(compiled, facts, Instant.now(), name);
            if (facts == nativeFacts) {
                lastNative = ours;
            }
            TestsslRating.Compared c = TestsslRating.compare(r, ours);
            System.out.printf("%s (%s facts): testssl.sh %s, caps %s; %d letters agree, differences %s%n", name,
                    facts == imported ? "testssl.sh" : "native", r.grade(), r.caps().keySet(), c.agreements(), c.differences());
            c.differences().stream().filter(o -> TestsslRating.recorded(manifest, o) == null).forEach(unrecorded::add);
        }
        return unrecorded;
    }

    private static void runTestssl(List<String> command, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TESTSSL_INSTALL_DIR", home.resolve("etc/testssl").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        // testssl.sh exits with the number of problems it found; only its own failures count here.
        assertThat(p.exitValue()).as("%s: %s", command, out).isLessThan(200);
    }

    private static String run(List<String> command, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
