package org.tlsverdict.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        subcommands = {DaemonStartCommand.class, DaemonStatusCommand.class, DaemonStopCommand.class},
        description = "A warm engine in the background for repeated runs in this folder: while it runs, evaluate, test, replay,"
                + " rules and diff started here are served by it, with the same output and exit code, without a JVM and rule start-up"
                + " of their own. Such a run at a terminal starts one itself (never on pipes or in CI); TLSVERDICT_DAEMON=manual"
                + " starts none, TLSVERDICT_DAEMON=off runs in-process anyway.")
public final class DaemonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tlsverdict: daemon needs start, status or stop");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.ERROR;
    }
}
