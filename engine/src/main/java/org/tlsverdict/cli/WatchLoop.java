package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loop of {@code --watch}: wait for a save, re-judge, print what changed since the last run.
 * Each command says what a re-run is (its {@link Rerun}); the loop names the saved files, prints
 * the changed lines or "no change", and ends with exit 0 when the thread is interrupted (Ctrl-C).
 */
final class WatchLoop {

    /** A re-run after {@code changed} files were saved: the lines to print, or an error line when it could not run. */
    interface Rerun {
        List<String> after(Set<Path> changed);

        /** Called once the lines of {@link #after} are printed: a re-run may go on checking in the background. */
        default void printed() {
        }
    }

    private WatchLoop() {
    }

    static int run(Watcher watcher, Rerun rerun, PrintWriter out, PrintWriter err) {
        Watcher.endOnInterrupt();
        err.println("watching " + watcher.folders() + " folder(s); save a rule, cases, policy or input file to re-judge; Ctrl-C ends");
        err.flush();
        while (true) {
            Set<Path> changed = watcher.next();
            if (changed == null) {
                out.flush();
                return ExitCodes.OK;
            }
            List<String> lines;
            try {
                lines = rerun.after(changed);
            } catch (RuntimeException e) {
                // A watch that dies on one bad save is no use to a rule author: say it and go on.
                lines = List.of("error: " + firstLine(String.valueOf(e.getMessage())));
            }
            print(out, saved(changed) + ":", lines.isEmpty() ? null : lines);
            rerun.printed();
        }
    }

    /** The names of the saved files, as the first line of what a save changed names them. */
    static String saved(Set<Path> changed) {
        return String.join(", ", changed.stream().map(p -> p.getFileName().toString()).distinct().toList());
    }

    /**
     * {@code head} and the changed lines below it, or "{@code head} no change" when {@code lines} is
     * null, in one piece (a re-run's background check prints from its own thread).
     */
    static void print(PrintWriter out, String head, List<String> lines) {
        synchronized (out) {
            if (lines == null) {
                out.println(head + " no change");
            } else {
                out.println(head);
                lines.forEach(l -> out.println("  " + l));
            }
            out.flush();
        }
    }

    static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /** "key: OLD -> NEW" for every key whose value changed; new and gone keys too. */
    static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            String b = before.get(k);
            String a = after.get(k);
            if (b == null) {
                out.add(k + ": new, " + a);
            } else if (a == null) {
                out.add(k + ": gone (was " + b + ")");
            } else if (!a.equals(b)) {
                out.add(k + ": " + b + " -> " + a);
            }
        }
        return out;
    }
}
