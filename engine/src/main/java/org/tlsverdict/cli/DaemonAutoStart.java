package org.tlsverdict.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonFolder;
import org.tlsverdict.cli.daemon.DaemonKey;

/**
 * A run at a terminal starts the daemon itself when none serves it, and is then served by it
 * (docs/daemon.md, "Started by a run at a terminal"): a rule author re-running {@code evaluate}
 * after each edit gets the served run's time from the second run on without knowing the daemon
 * exists. Only at a terminal: a script, a pipe or CI starts no background process it did not ask
 * for. {@code TLSVERDICT_DAEMON=manual} uses a daemon {@code daemon start} started and starts none;
 * {@code off} uses none.
 */
final class DaemonAutoStart {

    /**
     * With this many daemons of this user running (other folders, jars or environments), a run
     * starts no other: each one keeps a JVM and its heap until its idle time is up.
     */
    static final int MOST_RUNNING = 3;

    /** A cold JVM listens in well under a second; past this the run goes on in-process rather than keep its user waiting. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private DaemonAutoStart() {
    }

    /**
     * Whether a run of {@code args} may start a daemon: a command the daemon serves, a person at the
     * terminal ({@code console}), not in CI, {@code TLSVERDICT_DAEMON} unset or {@code auto}, and
     * fewer than {@link #MOST_RUNNING} daemons running.
     */
    static boolean wanted(String[] args, String mode, boolean console, String ci, int running) {
        return console && DaemonClient.eligible(args) && (mode == null || mode.isEmpty() || mode.equals("auto"))
                && (ci == null || ci.isEmpty() || ci.equalsIgnoreCase("false")) && running < MOST_RUNNING;
    }

    /**
     * Starts a daemon and sends the run to it, when {@link #wanted}; gives the run's exit code, or
     * {@link DaemonClient#IN_PROCESS} when the run is to happen here (nothing was printed then but
     * one line saying why the daemon could not start).
     */
    static int serve(String[] args) {
        if (Boolean.getBoolean("tlsverdict.debug")) {
            return DaemonClient.IN_PROCESS;
        }
        boolean console = System.console() != null;
        Path folder = DaemonFolder.defaultPath();
        if (!wanted(args, System.getenv("TLSVERDICT_DAEMON"), console, System.getenv("CI"), DaemonClient.sockets(folder.toFile()))) {
            return DaemonClient.IN_PROCESS;
        }
        DaemonLaunch launch = new DaemonLaunch(folder, DaemonKey.current());
        try {
            String status = launch.start(DaemonLaunch.duration(DaemonLaunch.DEFAULT_IDLE), PATIENCE);
            String pid = status.substring(0, Math.max(0, status.indexOf(',')));
            System.err.println("tlsverdict: started a daemon that serves the next runs in this folder (" + pid + "; it stops after "
                    + DaemonLaunch.DEFAULT_IDLE + " without runs; 'tlsverdict daemon stop' ends it, TLSVERDICT_DAEMON=manual starts none)");
        } catch (IOException e) {
            System.err.println("tlsverdict: could not start a daemon (" + e.getMessage() + "); running without it");
            return DaemonClient.IN_PROCESS;
        } catch (InterruptedException e) {
            // Nothing interrupts the main thread; were it to happen, the run still happens, here.
            return DaemonClient.IN_PROCESS;
        }
        return launch.client().run(args, console, System.out, System.err);
    }
}
