package org.tlsverdict.cli;

import java.util.List;
import java.util.Optional;
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

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the daemon of this folder, jar and environment (after the run it is serving, if any); returns once its process is gone.")
public final class DaemonStopCommand implements Callable<Integer> {

    /** Long enough for a run in progress to end. */
    private static final long WAIT_SECONDS = 60;

    private static final Pattern PID = Pattern.compile("^pid (\\d+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "stop every daemon of this user, whatever its folder, jar or environment")
    boolean all;

    @Override
    public Integer call() throws InterruptedException {
        List<String> stopped = all ? DaemonClient.all(DaemonFolder.defaultPath(), true)
                : Optional.ofNullable(new DaemonClient(DaemonFolder.defaultPath(), DaemonKey.current()).stop()).map(List::of).orElse(List.of());
        if (stopped.isEmpty()) {
            spec.commandLine().getOut().println(all ? "no daemon was running for this user" : "no daemon was running for this folder");
            return ExitCodes.OK;
        }
        int code = ExitCodes.OK;
        for (String status : stopped) {
            if (!gone(status)) {
                code = ExitCodes.ERROR;
                continue;
            }
            spec.commandLine().getOut().println("daemon stopped (" + status.substring(0, status.indexOf(", socket") < 0 ? status.length() : status.indexOf(", socket")) + ")");
        }
        return code;
    }

    /** Waits until the daemon of {@code status} is gone; false (said on stderr) when it is not within the wait. */
    private boolean gone(String status) throws InterruptedException {
        Matcher m = PID.matcher(status);
        Optional<ProcessHandle> process = m.find() ? ProcessHandle.of(Long.parseLong(m.group(1))) : Optional.empty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (process.isPresent() && process.get().isAlive()) {
            if (System.nanoTime() > deadline) {
                spec.commandLine().getErr().println("tlsverdict: the daemon (pid " + process.get().pid() + ") did not stop within "
                        + WAIT_SECONDS + " s; kill it with: kill " + process.get().pid());
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
