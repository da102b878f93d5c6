package org.tlsverdict.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonFolder;
import org.tlsverdict.cli.daemon.DaemonKey;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() throws InterruptedException {
        String status = new DaemonClient(DaemonFolder.defaultPath(), DaemonKey.current()).stop();
        if (status == null) {
            spec.commandLine().getOut().println("no daemon was running for this folder");
            return ExitCodes.OK;
        }
        Matcher m = PID.matcher(status);
        var process = m.find() ? ProcessHandle.of(Long.parseLong(m.group(1))) : java.util.Optional.<ProcessHandle>empty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (process.isPresent() && process.get().isAlive()) {
            if (System.nanoTime() > deadline) {
                spec.commandLine().getErr().println("tlsverdict: the daemon (pid " + process.get().pid() + ") did not stop within "
                        + WAIT_SECONDS + " s; kill it with: kill " + process.get().pid());
                return ExitCodes.ERROR;
            }
            Thread.sleep(20);
        }
        spec.commandLine().getOut().println("daemon stopped (" + status.substring(0, status.indexOf(", socket") < 0 ? status.length() : status.indexOf(", socket")) + ")");
        return ExitCodes.OK;
    }
}
