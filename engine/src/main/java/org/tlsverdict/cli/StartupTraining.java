package org.tlsverdict.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonKey;
import org.tlsverdict.cli.daemon.DaemonServer;
import java.util.stream.Stream;

/**
 * The run a class-data archive (AppCDS, see engine/src/build/class-data-archive) is recorded from:
 * started with {@code -XX:DumpLoadedClassList}, it does what a rule author's runs do, so that the
 * classes those load are in the archive: evaluate a forum paste with a shipped policy whose rules
 * are compiled (the first run after an edit), then again with the rules read back from the
 * compiled-rule cache (every other run), as text and as JSON, and once through a daemon. Expects TLSVERDICT_CACHE to name an
 * empty private folder. Exits 0 when both evaluations judged (whatever the verdicts), 2 otherwise.
 * Usage: StartupTraining [POLICY]   (default privacyguides-proposed)
 */
final class StartupTraining {

    static final String FACTS = "training/gmail-587.json";

    private StartupTraining() {
    }

    /** One evaluate sent to a daemon on a thread: the classes of the client's path (sockets, the key) go in the archive too. */
    private static void forwarded(Path dir, Path facts, String policy) throws IOException {
        DaemonServer server = DaemonProcess.server(dir.resolve("daemon"), Duration.ofMinutes(1));
        if (!server.bind()) {
            return;
        }
        Thread serving = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                // The archive then lacks the daemon's classes, nothing more.
            }
        });
        serving.start();
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        new DaemonClient(dir.resolve("daemon"), DaemonKey.current()).run(new String[] {"evaluate", facts.toString(), "--policy", policy}, false, none, none);
        server.stop("training over");
        try {
            serving.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws IOException {
        String policy = args.length > 0 ? args[0] : "privacyguides-proposed";
        Path dir = Files.createTempDirectory("tlsverdict-training");
        PrintStream stdout = System.out;
        try {
            Path facts = dir.resolve("gmail-587.json");
            try (InputStream in = StartupTraining.class.getResourceAsStream(FACTS)) {
                if (in == null) {
                    throw new IOException(FACTS + " is missing from the jar");
                }
                Files.copy(in, facts);
            }
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            int compiled = Main.run("evaluate", facts.toString(), "--policy", policy);
            int cached = Main.run("evaluate", facts.toString(), "--policy", policy, "--format", "json");
            System.setOut(stdout);
            forwarded(dir, facts, policy);
            if (compiled > ExitCodes.FAIL || cached > ExitCodes.FAIL) {
                System.err.println("startup training: evaluate exited " + compiled + " and " + cached);
                System.exit(ExitCodes.ERROR);
            }
        } finally {
            System.setOut(stdout);
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
