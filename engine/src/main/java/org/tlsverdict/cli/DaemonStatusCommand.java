package org.tlsverdict.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonFolder;
import org.tlsverdict.cli.daemon.DaemonKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Say whether a daemon runs for this folder, jar and environment: its pid, uptime, requests served and folder;"
                + " when none does, what differs for a daemon of this folder that serves another jar or environment."
                + " Exit 0: one runs; 1: none does.")
public final class DaemonStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "every daemon of this user, whatever its folder, jar or environment (one line each)")
    boolean all;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (all) {
            List<String> lines = DaemonClient.all(DaemonFolder.defaultPath(), false);
            lines.forEach(line -> out.println("daemon running: " + line));
            if (lines.isEmpty()) {
                out.println("no daemon runs for this user");
                return ExitCodes.FAIL;
            }
            return ExitCodes.OK;
        }
        Path folder = DaemonFolder.defaultPath();
        DaemonKey key = DaemonKey.current();
        String status = new DaemonClient(folder, key).status();
        if (status == null) {
            out.println("no daemon runs for this folder");
            // A daemon started here from another shell (another CI, TZ, PATH, a rebuilt jar) looks
            // like the one that should serve, and silently does not: say what keeps it from it.
            for (DaemonKey other : DaemonClient.keys(folder)) {
                List<String> differences = key.folder().equals(other.folder()) ? key.differences(other) : List.of();
                if (!differences.isEmpty()) {
                    out.println("a daemon of this folder runs for another jar or environment, and serves only runs of its own: "
                            + String.join("; ", differences));
                }
            }
            return ExitCodes.FAIL;
        }
        out.println("daemon running: " + status);
        return ExitCodes.OK;
    }
}
