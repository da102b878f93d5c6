package org.tlsverdict.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.tlsverdict.cli.daemon.DaemonKey;
import org.tlsverdict.cli.daemon.DaemonServer;
import picocli.CommandLine;

/**
 * The daemon's JVM ({@code daemon start} forks it): serves runs with the very command code of an
 * in-process run (the same rule check, the same handlers, picocli's writers built as picocli builds
 * them) over the client's streams, keeping compiled policies between runs.
 */
public final class DaemonProcess {

    private DaemonProcess() {
    }

    /**
     * Arguments: the daemon folder and the idle timeout in seconds; then, for a daemon a run started
     * ({@link DaemonAutoStart}), that run's pid and the command line to warm up with (maybe none).
     */
    public static void main(String[] args) throws IOException {
        // A run's own daemon starts to work once that run is over: the two JVMs would otherwise share
        // the cores while the person at the terminal waits for the run. Its next run comes after it.
        if (args.length > 2) {
            ProcessHandle.of(Long.parseLong(args[2])).ifPresent(p -> p.onExit().join());
        }
        DaemonServer server = server(Path.of(args[0]), Duration.ofSeconds(Long.parseLong(args[1])));
        if (!server.bind()) {
            System.err.println(Instant.now() + " another daemon already listens on " + server.socket());
            System.exit(1);
        }
        Path socket = server.socket();
        // Killed politely (kill, a logout): the socket goes with it; killed hard, the next client removes it.
        Runtime.getRuntime().addShutdownHook(new Thread(server::removeSocket));
        System.err.println(Instant.now() + " pid " + ProcessHandle.current().pid() + " listening on " + socket);
        // During a run System.err is the client's: the log is this stream.
        PrintStream log = System.err;
        server.onAbandoned(() -> {
            log.println(Instant.now() + " " + DaemonServer.ABANDONED);
            System.exit(0);
        });
        if (args.length > 2) {
            warmUp(server, Arrays.copyOfRange(args, 3, args.length), log);
        } else {
            // The engine's classes load beside the wait for the first client, as they do beside an in-process run's parsing.
            org.tlsverdict.policy.EngineWarmUp.start();
        }
        String why = server.serve();
        System.err.println(Instant.now() + " " + why);
        System.exit(0);
    }

    /**
     * Loads the engine's classes and runs {@code warm} (when given) with its output discarded: the
     * next run of the same command is served warm.
     */
    private static void warmUp(DaemonServer server, String[] warm, PrintStream log) {
        Thread t = new Thread(() -> {
            org.tlsverdict.policy.EngineWarmUp.start();
            if (warm.length > 0) {
                long start = System.nanoTime();
                int code = server.warm(warm);
                log.println(Instant.now() + " warmed up with the run that started it (exit " + code + ", "
                        + (System.nanoTime() - start) / 1_000_000 + " ms)");
            }
        }, "tlsverdict-daemon-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** A daemon of this JVM's key in {@code folder}; tests run it on a thread. */
    static DaemonServer server(Path folder, Duration idle) {
        WarmPolicies warm = new WarmPolicies();
        return new DaemonServer(folder, DaemonKey.current(), idle, (args, request) -> run(args, request, warm));
    }

    static int run(String[] args, DaemonServer.Request request, WarmPolicies warm) {
        Main root = new Main(new Terminal(request.console()), warm, request::errBytes);
        CommandLine cl = Main.commandLine(args.length > 0 ? args[0] : null, root);
        cl.setOut(writer(request.out(), request.outEncoding()));
        cl.setErr(writer(request.err(), request.errEncoding()));
        return cl.execute(args);
    }

    /** As picocli builds its writers over System.out and System.err. */
    private static PrintWriter writer(PrintStream stream, Charset encoding) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, encoding)), true);
    }
}
