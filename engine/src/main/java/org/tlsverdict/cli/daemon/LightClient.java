package org.tlsverdict.cli.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's client for when a daemon may be running (docs/daemon.md, "The light client"): a
 * JVM started without the class-data archive and the engine's JVM options, which only sends the run
 * to the daemon. When no daemon takes the run (nothing is printed then), it runs the launcher again,
 * marked so that this time it starts the engine's own JVM, with this process's standard streams,
 * and exits with its exit code. Arguments: the engine JVM's class path (the jar; the light client may
 * run from a small jar of its own, see engine/pom.xml), the launcher's path, then the command line of
 * the run.
 */
public final class LightClient {

    /**
     * Set for the launcher's second run only: it then skips the light client, and removes the mark
     * before it starts the engine, so the engine's environment is the caller's.
     */
    static final String TRIED = "TLSVERDICT_LIGHT_CLIENT_TRIED";

    private LightClient() {
    }

    public static void main(String[] args) {
        String[] run = Arrays.copyOfRange(args, 2, args.length);
        int code = DaemonClient.forward(run, args[0]);
        if (code == DaemonClient.IN_PROCESS) {
            code = launchAgain(args[1], run);
        }
        System.exit(code);
    }

    /**
     * Runs {@code launcher} with {@code run}, marked by {@link #TRIED}, with this process's standard
     * streams; gives its exit code (128 plus the signal's number when a signal ended it, as a shell
     * reports it). Ended from outside (SIGTERM, SIGINT), this process ends that one too.
     */
    static int launchAgain(String launcher, String[] run) {
        List<String> command = new ArrayList<>(run.length + 1);
        command.add(launcher);
        command.addAll(Arrays.asList(run));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(TRIED, "1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.err.println("tlsverdict: cannot run " + launcher + " again: " + e.getMessage());
            return 2;
        }
        Thread end = new Thread(p::destroy);
        Runtime.getRuntime().addShutdownHook(end);
        while (true) {
            try {
                int code = p.waitFor();
                Runtime.getRuntime().removeShutdownHook(end);
                return code;
            } catch (InterruptedException e) {
                // Nothing interrupts this thread; the wait goes on.
            } catch (IllegalStateException e) {
                // Already shutting down (the hook ends the child).
                return 1;
            }
        }
    }
}
