package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon through the repository launcher: {@code daemon start} returns without holding the
 * caller's pipes, an evaluate is served by it with the output of an in-process run, and
 * {@code daemon stop} leaves no process and no socket. Runs after package (failsafe); the daemon is
 * killed in any case when the test ends.
 */
@Tag("integration")
class DaemonLauncherIT {

    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    /** Pipes, as CI has them: a daemon that kept them open would make this wait until the time-out. */
    private Run launcher(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("./tlsverdict"));
        cmd.addAll(List.of(args));
        return launcherCommand(cmd, env);
    }

    private Run launcherCommand(List<String> cmd, Map<String, String> env) throws Exception {
        Process p = processBuilder(cmd, env).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String o = new String(out.get(120, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        String e = new String(err.get(120, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), o, e);
    }

    /**
     * Every process of these tests gets the same environment, as far as the daemon's key reads it:
     * a client of another key finds no daemon and runs in-process. CI sets CI, which the key holds
     * (CI starts no daemon by itself), so it is removed for all of them.
     */
    private ProcessBuilder processBuilder(List<String> cmd, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("XDG_RUNTIME_DIR", tmp.toString());
        pb.environment().put("TLSVERDICT_CACHE", tmp.resolve("cache").toString());
        pb.environment().remove("TLSVERDICT_DAEMON");
        pb.environment().remove("CI");
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * The launcher at a pseudo-terminal (script(1)), as a person runs it: standard output and error
     * both go to the terminal, so the run's text is both, with the terminal's line ends.
     */
    private Run atTerminal(Map<String, String> env, String... args) throws Exception {
        StringBuilder line = new StringBuilder("./tlsverdict");
        for (String a : args) {
            line.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return launcherCommand(List.of("script", "-qec", line.toString(), "/dev/null"), env);
    }

    /** {@code daemon start} through the launcher, and the daemon it says it started. */
    private ProcessHandle startDaemon(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("daemon", "start"));
        args.addAll(List.of(options));
        Run start = launcher(Map.of(), args.toArray(String[]::new));
        assertThat(start.exit()).as(start.err()).isZero();
        assertThat(start.out()).startsWith("daemon started: pid ");
        Matcher m = PID.matcher(start.out());
        assertThat(m.find()).isTrue();
        Optional<ProcessHandle> daemon = ProcessHandle.of(Long.parseLong(m.group(1)));
        assertThat(daemon).isPresent();
        return daemon.get();
    }

    /** A daemon killed with SIGKILL leaves its socket: the next run removes it and runs in-process, with the same output. */
    @Test
    void aKilledDaemonsSocketIsRemovedAndTheRunHappensInProcess() throws Exception {
        Optional<ProcessHandle> daemon = Optional.empty();
        try {
            daemon = Optional.of(startDaemon());
            assertThat(daemon.get().destroyForcibly()).isTrue();
            daemon.get().onExit().get(30, TimeUnit.SECONDS);
            assertThat(tmp.resolve("tlsverdict")).isDirectoryContaining("glob:**.sock");
            String[] evaluate = {"evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", "rules/privacyguides-proposed",
                    "--at", "2026-06-01T00:00:00Z", "--format", "json"};
            Run after = launcher(Map.of(), evaluate);
            assertThat(tmp.resolve("tlsverdict")).isDirectoryNotContaining("glob:**.sock");
            assertThat(after).isEqualTo(launcher(Map.of("TLSVERDICT_DAEMON", "off"), evaluate));
            assertThat(after.exit()).isEqualTo(1);
        } finally {
            daemon.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void startServeStopThroughTheLauncher() throws Exception {
        Optional<ProcessHandle> daemon = Optional.empty();
        try {
            daemon = Optional.of(startDaemon("--idle", "5m"));
            String pid = String.valueOf(daemon.get().pid());
            assertThat(daemon.get().isAlive()).isTrue();
            assertThat(launcher(Map.of(), "daemon", "start").out()).startsWith("daemon already running: pid " + pid);

            String[] evaluate = {"evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", "rules/privacyguides-proposed",
                    "--at", "2026-06-01T00:00:00Z"};
            Run served = launcher(Map.of(), evaluate);
            Run status = launcher(Map.of(), "daemon", "status");
            assertThat(status.exit()).isZero();
            assertThat(status.out()).contains("pid " + pid).contains(" 1 requests served");
            Run inProcess = launcher(Map.of("TLSVERDICT_DAEMON", "off"), evaluate);
            assertThat(launcher(Map.of(), "daemon", "status").out()).contains(" 1 requests served");
            assertThat(served).isEqualTo(inProcess);
            assertThat(served.exit()).isEqualTo(1);

            Run otherEnvironment = launcher(Map.of("CI", "true"), "daemon", "status");
            assertThat(otherEnvironment.exit()).isEqualTo(1);
            assertThat(otherEnvironment.out()).as("the daemon of this folder, of another key, and why").isEqualTo("no daemon runs for this folder\n"
                    + "a daemon of this folder runs for another jar or environment, and serves only runs of its own: $CI: unset for the daemon, \"true\" here\n");

            Run stop = launcher(Map.of(), "daemon", "stop");
            assertThat(stop.exit()).as(stop.err()).isZero();
            assertThat(stop.out()).startsWith("daemon stopped (pid " + pid);
            assertThat(daemon.get().isAlive()).as("gone once stop returns").isFalse();
            assertThat(tmp.resolve("tlsverdict")).isDirectoryNotContaining("glob:**.sock");
            Run after = launcher(Map.of(), "daemon", "status");
            assertThat(after.exit()).isEqualTo(1);
            assertThat(after.out()).isEqualTo("no daemon runs for this folder\n");
        } finally {
            daemon.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Ctrl-C on a served run: the client's JVM ends, and the daemon, which cannot stop the run
     * half-way, goes with it (as an in-process run's JVM would) instead of finishing it unseen while
     * the next clients wait. Its socket goes first, its log says why, the next run is in-process.
     */
    @Test
    void aClientGoneDuringItsRunTakesTheDaemonWithIt() throws Exception {
        Optional<ProcessHandle> daemon = Optional.empty();
        try {
            daemon = Optional.of(startDaemon());
            // Every shipped policy's cases: seconds of work, long past the client's end below.
            List<String> cmd = new ArrayList<>(List.of("./tlsverdict", "test"));
            try (var dirs = java.nio.file.Files.list(Path.of("rules"))) {
                dirs.filter(d -> java.nio.file.Files.exists(d.resolve("policy.yaml"))).sorted().forEach(d -> cmd.add(d.toString()));
            }
            Process client = processBuilder(cmd, Map.of()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(1500);
            assertThat(client.isAlive()).as("the run is still going when its client ends").isTrue();
            client.destroy();
            assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(daemon.get().onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).get())
                    .as("the daemon went with its client (still running: the run was not sent to it, e.g. from a client of another key)").isNotNull();
            assertThat(tmp.resolve("tlsverdict")).isDirectoryNotContaining("glob:**.sock");
            try (var logs = java.nio.file.Files.list(tmp.resolve("tlsverdict"))) {
                Path log = logs.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
                assertThat(java.nio.file.Files.readString(log)).contains("the client of a run went away");
            }
            String[] evaluate = {"evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", "rules/privacyguides-proposed",
                    "--at", "2026-06-01T00:00:00Z"};
            assertThat(launcher(Map.of(), evaluate)).isEqualTo(launcher(Map.of("TLSVERDICT_DAEMON", "off"), evaluate));
        } finally {
            daemon.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * At a terminal, the first evaluate starts a daemon, says so once on stderr and runs in-process
     * (the text of an in-process run at the same terminal); the daemon, once that run is over, runs
     * it again to warm up. The next run is served, without a word. The same run on pipes (a script,
     * CI) starts none, nor does one at a terminal with CI set or TLSVERDICT_DAEMON=manual.
     */
    @Test
    void aRunAtATerminalStartsTheDaemonItself() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/script")), "script(1) gives the pseudo-terminal");
        String[] evaluate = {"evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", "rules/privacyguides-proposed",
                "--at", "2026-06-01T00:00:00Z"};
        Path folder = tmp.resolve("tlsverdict");
        try {
            assertThat(launcher(Map.of(), evaluate).exit()).isEqualTo(1);
            assertThat(atTerminal(Map.of("CI", "true"), evaluate).out()).doesNotContain("started a daemon");
            assertThat(folder.toFile().list((d, n) -> n.endsWith(".sock"))).as("pipes and CI start none").isNullOrEmpty();

            Run inProcess = atTerminal(Map.of("TLSVERDICT_DAEMON", "off"), evaluate);
            Run first = atTerminal(Map.of(), evaluate);
            String notice = "tlsverdict: started a daemon that serves the next runs in this folder (it stops after 30m";
            assertThat(first.out()).startsWith(notice).contains("TLSVERDICT_DAEMON=manual starts none)\r\n");
            assertThat(first.out().substring(first.out().indexOf('\n') + 1)).isEqualTo(inProcess.out());
            assertThat(first.exit()).isEqualTo(1);
            Path log = untilWarm(folder);
            assertThat(launcher(Map.of(), "daemon", "status").out()).as("the warm-up is no request").contains(" 0 requests served");

            Run second = atTerminal(Map.of(), evaluate);
            assertThat(second.out()).isEqualTo(inProcess.out());
            assertThat(launcher(Map.of(), "daemon", "status").out()).contains(" 1 requests served");
            assertThat(atTerminal(Map.of("TLSVERDICT_DAEMON", "manual"), evaluate).out()).isEqualTo(inProcess.out());
            assertThat(launcher(Map.of(), "daemon", "status").out()).as("manual: served by the running one").contains(" 2 requests served");
            assertThat(java.nio.file.Files.readString(log)).contains("warmed up with the run that started it (exit 1, ");
            assertThat(launcher(Map.of(), "daemon", "status", "--all").out()).startsWith("daemon running: pid ")
                    .contains(", folder " + System.getProperty("user.dir") + ", socket ");
        } finally {
            Run stop = launcher(Map.of(), "daemon", "stop", "--all");
            assertThat(stop.out()).as(stop.err()).startsWith("daemon stopped (pid ");
        }
        assertThat(launcher(Map.of(), "daemon", "status", "--all").out()).isEqualTo("no daemon runs for this user\n");
        Run manual = atTerminal(Map.of("TLSVERDICT_DAEMON", "manual"), evaluate);
        assertThat(manual.out()).doesNotContain("started a daemon");
        assertThat(folder.toFile().list((d, n) -> n.endsWith(".sock"))).as("manual starts none").isEmpty();
    }

    /** The log of the one daemon in {@code folder}, once it says it warmed up (at most a minute). */
    private static Path untilWarm(Path folder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (var files = java.nio.file.Files.list(folder)) {
                Optional<Path> log = files.filter(p -> p.toString().endsWith(".log")).findFirst();
                if (log.isPresent() && java.nio.file.Files.readString(log.get()).contains("warmed up")) {
                    return log.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no daemon log in " + folder + " says it warmed up");
    }
}
