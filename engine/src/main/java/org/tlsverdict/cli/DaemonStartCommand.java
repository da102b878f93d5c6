package org.tlsverdict.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonFolder;
import org.tlsverdict.cli.daemon.DaemonKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a daemon for this folder, jar and environment, detached (its own session, no terminal, output to a log"
                + " beside its socket); returns once it listens. Exit 0: it runs (or already ran); 2: it could not start.")
public final class DaemonStartCommand implements Callable<Integer> {

    /** A cold JVM on a busy machine needs seconds to listen; more means it is stuck. */
    private static final long START_SECONDS = 60;

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smh])");

    /**
     * The launcher's options for short runs, which the daemon does without: the quick compiler alone
     * (and its one thread, which the full compiler would refuse: it needs two), reflection never compiled.
     */
    static final Pattern SHORT_RUN_OPTIONS = Pattern.compile("-XX:TieredStopAtLevel=|-XX:CICompilerCount=|-Dsun\\.reflect\\.inflationThreshold=");

    @Spec
    CommandSpec spec;

    @Option(names = "--idle", defaultValue = "30m", paramLabel = "DURATION",
            description = "stop after this long without requests: 90s, 30m, 2h (default: ${DEFAULT-VALUE})")
    String idle;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Matcher m = DURATION.matcher(idle);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            err.println("tlsverdict: --idle '" + idle + "' is not a duration such as 90s, 30m or 2h");
            return ExitCodes.ERROR;
        }
        long seconds = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "h" -> 3600;
            case "m" -> 60;
            default -> 1;
        };
        Path folder = DaemonFolder.defaultPath();
        DaemonKey key = DaemonKey.current();
        DaemonClient client = new DaemonClient(folder, key);
        String status = client.status();
        if (status != null) {
            out.println("daemon already running: " + status);
            return ExitCodes.OK;
        }
        try {
            DaemonFolder.create(folder);
        } catch (IOException e) {
            err.println("tlsverdict: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        Path log = folder.resolve(key.socketName().replace(".sock", ".log"));
        ProcessBuilder pb = new ProcessBuilder(command(folder, Duration.ofSeconds(seconds)))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            status = client.status();
            if (status != null) {
                out.println("daemon started: " + status);
                return ExitCodes.OK;
            }
            // setsid forks when it cannot make the session itself: its own exit 0 says nothing about the daemon.
            if (!p.isAlive() && p.exitValue() != 0) {
                err.println("tlsverdict: the daemon exited at start (exit " + p.exitValue() + "); its log: " + log);
                tail(log).forEach(err::println);
                return ExitCodes.ERROR;
            }
            Thread.sleep(50);
        }
        p.destroy();
        err.println("tlsverdict: the daemon did not listen within " + START_SECONDS + " s; its log: " + log);
        return ExitCodes.ERROR;
    }

    /**
     * The daemon's command line: this JVM's own (its java, options, class path and system properties,
     * so the daemon's key is this one's), in a new session when setsid exists so that it holds none of
     * the caller's terminal or pipes. The launcher's options for short runs (JIT kept to the quick
     * compiler, reflection never compiled) are dropped: they slow a process that lives for many runs.
     */
    private static List<String> command(Path folder, Duration idle) {
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(daemonOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DaemonProcess.class.getName());
        cmd.add(folder.toString());
        cmd.add(Long.toString(idle.toSeconds()));
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

    private static List<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - 10), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
