package org.tlsverdict.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonFolder;
import org.tlsverdict.cli.daemon.DaemonKey;

/**
 * Starting a daemon process for this JVM's key: its command line and the wait until it listens.
 * Shared by {@code daemon start} and by a run at a terminal that starts one itself
 * ({@link DaemonAutoStart}); no picocli class, since the second happens before the command model is
 * built.
 */
final class DaemonLaunch {

    /** The idle time of a daemon nobody gave one to (a {@link #duration}). */
    static final String DEFAULT_IDLE = "30m";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smh])");

    /**
     * The launcher's options for short runs, which the daemon does without: the quick compiler alone
     * (and its one thread, which the full compiler would refuse: it needs two), reflection never compiled.
     */
    static final Pattern SHORT_RUN_OPTIONS = Pattern.compile("-XX:TieredStopAtLevel=|-XX:CICompilerCount=|-Dsun\\.reflect\\.inflationThreshold=");

    /** By name: loading the class would load picocli's, which a served run never needs. */
    private static final String MAIN = "org.tlsverdict.cli.DaemonProcess";

    /** {@code text} (90s, 30m, 2h) as a duration; null when it is not one, or zero. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A daemon that could not be started; the message names its log. */
    static final class Failure extends IOException {
        private final Path log;

        Failure(String message, Path log) {
            super(message);
            this.log = log;
        }

        /** The last lines of the daemon's log (what it printed before it gave up). */
        List<String> logTail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return lines.subList(Math.max(0, lines.size() - 10), lines.size());
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    private final Path folder;
    private final DaemonClient client;
    private final Path log;

    DaemonLaunch(Path folder, DaemonKey key) {
        this.folder = folder;
        this.client = new DaemonClient(folder, key);
        this.log = folder.resolve(key.socketName().replace(".sock", ".log"));
    }

    DaemonClient client() {
        return client;
    }

    /**
     * Starts the daemon (the folder is created closed to others if missing) and waits up to
     * {@code patience} for it to answer; gives its status line.
     */
    String start(Duration idle, Duration patience) throws IOException, InterruptedException {
        Process p = spawn(idle, List.of(), false);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            String status = client.status();
            if (status != null) {
                return status;
            }
            // setsid forks when it cannot make the session itself: its own exit 0 says nothing about the daemon.
            if (!p.isAlive() && p.exitValue() != 0) {
                throw new Failure("the daemon exited at start (exit " + p.exitValue() + "); its log: " + log, log);
            }
            Thread.sleep(20);
        }
        p.destroy();
        throw new Failure("the daemon did not listen within " + TimeUnit.NANOSECONDS.toSeconds(patience.toNanos()) + " s; its log: " + log, log);
    }

    /**
     * Starts the daemon (the folder is created closed to others if missing) without waiting for it;
     * {@code after}: the daemon's arguments after its folder and idle time. {@code forked}: the
     * daemon is not this JVM's child but its child's, which exits at once (setsid's fork): a JVM with
     * a child still running waits at its exit for the thread that waits for the child (docs/daemon.md).
     */
    Process spawn(Duration idle, List<String> after, boolean forked) throws IOException {
        DaemonFolder.create(folder);
        return new ProcessBuilder(command(idle, after, forked))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /**
     * The daemon's command line: this JVM's own (its java, options, class path and system properties,
     * so the daemon's key is this one's), in a new session when setsid exists so that it holds none of
     * the caller's terminal or pipes. The launcher's options for short runs (JIT kept to the quick
     * compiler, reflection never compiled) are dropped: they slow a process that lives for many runs.
     */
    private List<String> command(Duration idle, List<String> after, boolean forked) {
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                if (forked) {
                    cmd.add("--fork");
                }
                break;
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(daemonOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.add(folder.toString());
        cmd.add(Long.toString(idle.toSeconds()));
        cmd.addAll(after);
        return cmd;
    }

    /** The daemon's JVM options: {@code options} (this JVM's) less the launcher's short-run options and a debugger's agent. */
    static List<String> daemonOptions(List<String> options) {
        List<String> kept = new ArrayList<>();
        for (String a : options) {
            if (!SHORT_RUN_OPTIONS.matcher(a).lookingAt() && !a.startsWith("-agentlib:jdwp")) {
                kept.add(a);
            }
        }
        return kept;
    }
}
