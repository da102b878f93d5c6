package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of one-endpoint files replayed window by window (results rendered by the fast writer,
 * compared with the golden on a thread of their own while the next window is judged) keeps the
 * golden, the lines and the exit code of a replay judged in one window and of the whole report
 * written by Jackson ({@code --format json}); a bad file costs one line naming it, the others finish.
 */
class ReplayWindowsTest {

    @TempDir
    Path tmp;

    @AfterEach
    void windows() {
        Batch.windowFiles = Batch.WINDOW_FILES;
    }

    private static final String POLICY = "rules/privacyguides-proposed";

    private static String facts(int i) {
        String host = i % 7 == 0 ? "mx-\u00e9\u65e5-" + i + ".bench.test" : "mx" + i + ".bench.test";
        String[] suites = {"{ \"iana\" : \"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\" }",
                "{ \"iana\" : \"TLS_DHE_RSA_WITH_AES_256_GCM_SHA384\", \"dhBits\" : 1024 }",
                "{ \"iana\" : \"TLS_RSA_WITH_3DES_EDE_CBC_SHA\" }", "{ \"iana\" : \"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\" }"};
        String suite = suites[i % suites.length];
        return """
                {
                  "schema" : "tlsverdict/facts/v1",
                  "endpoints" : [ {
                    "endpoint" : { "host" : "%s", "port" : %d },
                    "protocols" : { "SSLv2" : "not-offered", "SSLv3" : "not-offered", "TLSv1.0" : "%s", "TLSv1.1" : "not-offered", "TLSv1.2" : "offered", "TLSv1.3" : "offered" },
                    "ciphers" : { "TLSv1.2" : [ %s ], "TLSv1.3" : [ { "iana" : "TLS_AES_256_GCM_SHA384" } ] },
                    "certificates" : [ { "position" : 0, "subject" : "CN=%s \\"quoted\\"", "issuer" : "CN=CA", "keyType" : "RSA", "keyBits" : %d,
                      "signatureAlgorithm" : "sha256WithRSAEncryption", "notBefore" : "2026-06-01T00:00:00Z", "notAfter" : "2026-%02d-01T00:00:00Z",
                      "trusted" : "yes", "hostnameMatch" : "yes", "subjectAltNames" : [ "%s" ] } ]
                  } ]
                }
                """.formatted(host, new int[] {25, 587, 465, 993}[i % 4], i % 3 == 0 ? "offered" : "not-offered",
                suite, host, i % 5 == 0 ? 1024 : 2048, 7 + i % 5, host);
    }

    private Path folder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("small"));
        for (int i = 0; i < 23; i++) {
            Files.writeString(dir.resolve("host-%03d.json".formatted(i)), facts(i));
        }
        Files.writeString(dir.resolve("host-005b.json"), "{ \"schema\" : \"tlsverdict/facts/v1\", \"endpoints\" : [");
        Files.writeString(dir.resolve("host-011b.json"), "");
        Files.writeString(dir.resolve("host-017b.json"), "{ \"schema\" : \"tlsverdict/facts/v1\", \"endpoints\" : [ ] }");
        return dir;
    }

    private static EvaluateCommandTest.Run replay(Path dir, String... extra) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("replay", dir.toString(), "--policy", POLICY,
                "--at", "2026-10-01T00:00:00Z"), Arrays.stream(extra)).toArray(String[]::new);
        return EvaluateCommandTest.run(args);
    }

    /** The pool's threads take file after file: not one task (a hand-over between threads) per file. */
    @Test
    void aWindowOfManyFilesIsReadByAFewTasksWithEveryErrorInInputOrder() throws Exception {
        Path dir = folder();
        java.util.List<Batch.Input> inputs = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(p -> inputs.add(new Batch.Input(p, p.getFileName().toString())));
        }
        inputs.add(new Batch.Input(dir.resolve("missing.json"), "missing.json"));
        org.tlsverdict.policy.CompiledPolicy policy = org.tlsverdict.policy.RuleCompiler.withDefaultCache(false)
                .compile(org.tlsverdict.policy.PolicyLoader.load(org.tlsverdict.policy.BundledPolicies.locate(POLICY)));
        try (Batch batch = new Batch()) {
            long before = batch.tasksSubmitted();
            Batch.Judged judged = batch.run(policy, inputs, java.time.Instant.parse("2026-10-01T00:00:00Z"), null);
            assertThat(judged.results()).hasSize(23);
            assertThat(judged.errors()).extracting(VerdictReportInputs::source)
                    .containsExactly("host-005b.json", "host-011b.json", "host-017b.json", "missing.json");
            assertThat(judged.errors().get(3).message()).isEqualTo("missing.json: no such file");
            // Reading: one task per thread; judging and its similarity keys: a few slices per thread each (23 endpoints at most).
            int threads = Runtime.getRuntime().availableProcessors();
            assertThat(batch.tasksSubmitted() - before).isLessThanOrEqualTo(Math.min(inputs.size(), threads) + 2L * Math.min(23, 4 * threads));
        }
    }

    /** The source of an input error (a method reference the assertion can name). */
    private static final class VerdictReportInputs {
        static String source(org.tlsverdict.report.VerdictReport.InputError e) {
            return e.source();
        }
    }

    @Test
    void windowsOfAFewFilesKeepTheGoldenTheLinesAndTheExitCode() throws IOException {
        Path dir = folder();
        Path golden = dir.resolve("expected/privacyguides-proposed.json");
        // The whole report, as Jackson writes it, is the reference golden.
        EvaluateCommandTest.Run whole = replay(dir, "--update", "--format", "json");
        assertThat(whole.exit()).isEqualTo(1);
        String reference = Files.readString(golden);
        Files.delete(golden);

        Batch.windowFiles = Batch.WINDOW_FILES;
        EvaluateCommandTest.Run one = replay(dir, "--update");
        assertThat(Files.readString(golden)).isEqualTo(reference);
        Files.delete(golden);
        for (int window : List.of(1, 4, 7)) {
            Batch.windowFiles = window;
            EvaluateCommandTest.Run update = replay(dir, "--update");
            assertThat(update.exit()).isEqualTo(1);
            assertThat(update.err()).isEqualTo(one.err());
            assertThat(Files.readString(golden)).as("golden written in windows of " + window).isEqualTo(reference);
            EvaluateCommandTest.Run again = replay(dir);
            assertThat(again.exit()).as(again.out()).isEqualTo(1);
            assertThat(again.out()).as(again.err()).contains("23 endpoint(s), 3 unreadable input(s): 1 match, 0 changed");
            // One line for each bad file, naming it, in the order of the files.
            List<String> lines = again.err().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith(dir + "/host-005b.json: line 1: ").contains("end-of-input");
            assertThat(lines.subList(1, 3)).containsExactly(dir + "/host-011b.json: empty file",
                    dir + "/host-017b.json: no endpoints and no domains, nothing to judge");
            assertThat(again.err()).isEqualTo(one.err());
            Files.delete(golden);
        }
    }

    @Test
    void aChangeInALaterWindowIsFoundAndExplained() throws IOException {
        Path dir = folder();
        assertThat(replay(dir, "--update").exit()).isEqualTo(1);
        Files.writeString(dir.resolve("host-019.json"), facts(19).replace("\"keyBits\" : 2048", "\"keyBits\" : 1024"));
        Batch.windowFiles = 4;
        EvaluateCommandTest.Run r = replay(dir);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("CHANGED " + dir.resolve("expected/privacyguides-proposed.json"))
                .contains("host-019.json mx19.bench.test:");
        assertThat(r.out()).contains("0 match, 1 changed");
    }
}
