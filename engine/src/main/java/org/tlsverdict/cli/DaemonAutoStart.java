package org.tlsverdict.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonFolder;
import org.tlsverdict.cli.daemon.DaemonKey;

/**
 * A run at a terminal starts the daemon itself when none serves it (docs/daemon.md, "Started by a
 * run at a terminal"): the run itself goes on in-process, and the daemon, once that run is over,
 * warms up (with the same command line, see {@link #warmsUpWith}); a rule author re-running after each
 * edit gets the served run's time from the second run on without knowing the daemon exists. Only at
 * a terminal: a script, a pipe or CI starts no background process it did not ask for.
 * {@code TLSVERDICT_DAEMON=manual} uses a daemon {@code daemon start} started and starts none;
 * {@code off} uses none.
 */
final class DaemonAutoStart {

    /**
     * With this many daemons of this user running (other folders, jars or environments), a run
     * starts no other: each one keeps a JVM and its heap until its idle time is up.
     */
    static final int MOST_RUNNING = 3;

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
     * Whether the daemon warms up by running {@code args} itself once this run is over: runs that
     * write nothing and judge one policy, which the next run of the same command needs compiled and
     * whose code a cold daemon would otherwise run slower than this JVM did (its compiler profiles
     * first): {@code evaluate}, {@code test} of one policy, {@code rules} without {@code --doc}. A
     * replay or diff over folders, or the tests of many policies, would redo much work that the
     * next run may not need.
     */
    static boolean warmsUpWith(String[] args) {
        List<String> rest = List.of(args).subList(1, args.length);
        return switch (args[0]) {
            case "evaluate" -> true;
            case "test" -> rest.stream().filter(a -> !a.startsWith("-")).count() == 1;
            case "rules" -> !rest.contains("--doc");
            default -> false;
        };
    }

    /**
     * Starts a daemon for the next runs when {@link #wanted}, and says so in one line on stderr (or
     * why it could not). The daemon is not waited for: it starts to work once this run is over.
     */
    static void start(String[] args) {
        if (Boolean.getBoolean("tlsverdict.debug")) {
            return;
        }
        Path folder = DaemonFolder.defaultPath();
        if (!wanted(args, System.getenv("TLSVERDICT_DAEMON"), System.console() != null, System.getenv("CI"),
                DaemonClient.sockets(folder.toFile()))) {
            return;
        }
        DaemonLaunch launch = new DaemonLaunch(folder, DaemonKey.current());
        List<String> after = new ArrayList<>();
        after.add(Long.toString(ProcessHandle.current().pid()));
        if (warmsUpWith(args)) {
            after.addAll(List.of(args));
        }
        try {
            launch.spawn(DaemonLaunch.duration(DaemonLaunch.DEFAULT_IDLE), after, true);
            System.err.println("tlsverdict: started a daemon that serves the next runs in this folder (it stops after "
                    + DaemonLaunch.DEFAULT_IDLE + " without runs; 'tlsverdict daemon stop' ends it, TLSVERDICT_DAEMON=manual starts none)");
        } catch (IOException e) {
            System.err.println("tlsverdict: could not start a daemon (" + e.getMessage() + "); running without it");
        }
    }
}
