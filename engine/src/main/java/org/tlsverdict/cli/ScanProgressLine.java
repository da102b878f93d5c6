package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;

/** One status line on a terminal for all targets of a scan; nothing in CI or with --quiet. */
final class ScanProgressLine implements ScanRunner.ScanProgress {

    private static final int WIDTH = 100;
    private final PrintWriter err;
    private final boolean enabled;
    private final Map<String, String> state = new LinkedHashMap<>();

    ScanProgressLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void step(ScanTarget target, String what, int done, int total) {
        if (!enabled) {
            return;
        }
        state.put(target.toString(), done + "/" + total);
        String line = String.format("\r%d target(s) [%s] %s: %s", state.size(), String.join(" ", state.values()), target, what);
        err.print(line.length() > WIDTH ? line.substring(0, WIDTH) : line + " ".repeat(WIDTH - line.length()));
        err.flush();
    }

    synchronized void clear() {
        if (enabled && !state.isEmpty()) {
            err.print("\r" + " ".repeat(WIDTH) + "\r");
            err.flush();
        }
    }
}
