package org.tlsverdict.cli;

import java.util.concurrent.Callable;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonFolder;
import org.tlsverdict.cli.daemon.DaemonKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Say whether a daemon runs for this folder, jar and environment: its pid, uptime and requests served. Exit 0: one runs; 1: none does.")
public final class DaemonStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String status = new DaemonClient(DaemonFolder.defaultPath(), DaemonKey.current()).status();
        if (status == null) {
            spec.commandLine().getOut().println("no daemon runs for this folder");
            return ExitCodes.FAIL;
        }
        spec.commandLine().getOut().println("daemon running: " + status);
        return ExitCodes.OK;
    }
}
