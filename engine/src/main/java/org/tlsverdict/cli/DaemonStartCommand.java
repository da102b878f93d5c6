package org.tlsverdict.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
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
    private static final Duration START = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--idle", defaultValue = DaemonLaunch.DEFAULT_IDLE, paramLabel = "DURATION",
            description = "stop after this long without requests: 90s, 30m, 2h (default: ${DEFAULT-VALUE})")
    String idle;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Duration idleTime = DaemonLaunch.duration(idle);
        if (idleTime == null) {
            err.println("tlsverdict: --idle '" + idle + "' is not a duration such as 90s, 30m or 2h");
            return ExitCodes.ERROR;
        }
        DaemonLaunch launch = new DaemonLaunch(DaemonFolder.defaultPath(), DaemonKey.current());
        String status = launch.client().status();
        if (status != null) {
            out.println("daemon already running: " + status);
            return ExitCodes.OK;
        }
        try {
            out.println("daemon started: " + launch.start(idleTime, START));
            return ExitCodes.OK;
        } catch (DaemonLaunch.Failure e) {
            err.println("tlsverdict: " + e.getMessage());
            e.logTail().forEach(err::println);
            return ExitCodes.ERROR;
        } catch (IOException e) {
            err.println("tlsverdict: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }
}
