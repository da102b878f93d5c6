package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --watch} in-process on a copy of the shipped rules: saves (written beside and renamed
 * over, as editors do) of a facts file, a rule file and a cases file, and the changes printed.
 * No timing is asserted: each wait only has a generous limit.
 */
class WatchCommandTest {

    static final String AT = "2026-01-01T00:00:00Z";
    static final long LIMIT_S = 180;
    static final String OLD_VERSIONS = "\"TLSv1.0\": \"offered\",\n        \"TLSv1.1\": \"offered\"";
    static final String NO_OLD_VERSIONS = "\"TLSv1.0\": \"not-offered\",\n        \"TLSv1.1\": \"not-offered\"";

    @TempDir
    Path tmp;

    /** A command running in a thread of its own; its output read while it runs. */
    static final class Running {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Thread thread;
        volatile int exit = -1;

        Running(String... args) {
            thread = new Thread(() -> {
                var cl = Main.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                exit = cl.execute(args);
            }, "watch-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until stdout (from {@code from} on) holds {@code text}; returns where it ends. */
        int awaitOut(int from, String text) throws InterruptedException {
            return await(out, from, text);
        }

        int awaitErr(String text) throws InterruptedException {
            return await(err, 0, text);
        }

        private int await(StringWriter w, int from, String text) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_S);
            while (System.nanoTime() < end) {
                int at = w.toString().indexOf(text, from);
                if (at >= 0) {
                    return at + text.length();
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no '" + text + "' in the output after " + from + ":\n" + out + "\nstderr:\n" + err);
        }

        /** What Ctrl-C does: interrupts the watching thread; the command returns. */
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(LIMIT_S));
            assertThat(thread.isAlive()).as("the watch ended").isFalse();
            return exit;
        }
    }

    private Path copyRules() throws IOException {
        Path rules = tmp.resolve("rules");
        try (Stream<Path> s = Files.walk(Path.of("rules"))) {
            for (Path p : s.toList()) {
                Path to = rules.resolve(Path.of("rules").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return rules;
    }

    /** The rule file of a criterion, found by its id (file names are the policy's business). */
    private static Path criterionFile(Path policy, String id, String ext) throws IOException {
        try (Stream<Path> s = Files.list(policy)) {
            for (Path p : s.filter(f -> f.toString().endsWith(ext)).sorted().toList()) {
                if (Files.readString(p).contains("@id(\"" + id + "\")")) {
                    return p;
                }
            }
        }
        throw new AssertionError("no rule file of " + id + " in " + policy);
    }

    /** Saves as editors do: the new text written to a temporary file, renamed over the old one. */
    private static void save(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        save(file, text.replace(from, to));
    }

    @Test
    void evaluateWatchPrintsChangedVerdictsAndSurvivesABrokenRule() throws Exception {
        Path rules = copyRules();
        Path facts = tmp.resolve("gmail-587.json");
        Files.copy(Path.of("fixtures/seed-forum/gmail-587.json"), facts);
        Path rule = criterionFile(rules.resolve("privacyguides-proposed"), "PGP-TLS-MANDATORY", ".drl");
        String original = Files.readString(rule);

        Running r = new Running("evaluate", "--watch", facts.toString(), "--policy", rules.resolve("privacyguides-proposed").toString(),
                "--at", AT);
        r.awaitErr("watching");
        int at = r.awaitOut(0, "1 endpoint(s):");

        // The facts: TLS 1.0 and 1.1 no longer offered; SSLv2 was never tested by nmap.
        replace(facts, OLD_VERSIONS, NO_OLD_VERSIONS);
        at = r.awaitOut(at, "smtp.gmail.com:587 PGP-TLS-MANDATORY: FAIL -> INCONCLUSIVE");

        // The rule: an untested old version now only warns.
        replace(rule, "Outcome.inconclusive( drools, \"support of \" + $p.version() + \" was not collected\", $p ) );\nend\n\nrule \"",
                "Outcome.warn( drools, \"support of \" + $p.version() + \" was not collected\", $p ) );\nend\n\nrule \"");
        at = r.awaitOut(at, "PGP-TLS-MANDATORY: INCONCLUSIVE -> WARN");

        // A broken rule file: its one-line error, and the watch goes on.
        save(rule, original + "\nrule \"broken\" when then garbage\n");
        at = r.awaitOut(at, rule.getFileName() + ":");
        int error = r.awaitOut(at, "[ERR");
        assertThat(r.out.toString().substring(at, error)).doesNotContain("\n  \n");
        assertThat(r.thread.isAlive()).isTrue();

        // Fixed again: compared with the last run that compiled (the WARN one).
        save(rule, original);
        at = r.awaitOut(error, "PGP-TLS-MANDATORY: WARN -> INCONCLUSIVE");

        // A save that changes nothing says so on one line.
        save(facts, Files.readString(facts));
        r.awaitOut(at, "gmail-587.json: no change");

        assertThat(r.stop()).isZero();
    }

    @Test
    void testWatchPrintsCasesWhoseResultChanged() throws Exception {
        Path rules = copyRules();
        Path drl = criterionFile(rules.resolve("privacyguides-proposed"), "PGP-TLS-MANDATORY", ".drl");
        Path cases = drl.resolveSibling(drl.getFileName().toString().replace(".drl", ".cases.yaml"));
        Running r = new Running("test", "--watch", rules.resolve("privacyguides-proposed").toString());
        r.awaitErr("watching");
        int at = r.awaitOut(0, " passed, ");

        replace(cases, "    expect: FAIL\n    message: TLSv1.0 is offered on a mandatory-TLS port",
                "    expect: PASS\n    message: TLSv1.0 is offered on a mandatory-TLS port");
        at = r.awaitOut(at, "IMAPS still offering TLS 1.0: passed -> FAILED");
        assertThat(r.out.toString().substring(at)).doesNotContain("submission with TLS 1.2 and 1.3 only");
        // Then every case is checked on every path in the background, and nothing more is found.
        r.awaitErr(cases.getFileName() + ": checked on every path (kept and paired sessions, compiled from source): no further change");

        replace(cases, "    expect: PASS\n    message: TLSv1.0 is offered on a mandatory-TLS port",
                "    expect: FAIL\n    message: TLSv1.0 is offered on a mandatory-TLS port");
        r.awaitOut(at, "IMAPS still offering TLS 1.0: FAILED");
        r.awaitOut(at, "-> passed");

        assertThat(r.stop()).isZero();
    }

    @Test
    void replayWatchPrintsChangedVerdictsOfASavedScan() throws Exception {
        Path rules = copyRules();
        Path folder = Files.createDirectories(tmp.resolve("scans"));
        Files.copy(Path.of("fixtures/seed-forum/gmail-587.json"), folder.resolve("gmail-587.json"));
        Files.copy(Path.of("fixtures/seed-forum/jonaharagon-587.json"), folder.resolve("jonaharagon-587.json"));
        Running r = new Running("replay", "--watch", folder.toString(), "--policy", rules.resolve("privacyguides-proposed").toString());
        r.awaitErr("watching");
        int at = r.awaitOut(0, "MISSING");

        replace(folder.resolve("gmail-587.json"), OLD_VERSIONS, NO_OLD_VERSIONS);
        at = r.awaitOut(at, "gmail-587.json smtp.gmail.com:587 PGP-TLS-MANDATORY: FAIL -> INCONCLUSIVE");
        assertThat(r.out.toString().substring(at)).doesNotContain("jonaharagon");

        assertThat(r.stop()).isZero();
    }
}
