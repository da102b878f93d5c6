package org.tlsverdict.policy;

import java.lang.management.ManagementFactory;

/**
 * Phase timers for finding where a run's time goes: with {@code -Dtlsverdict.timing} each
 * {@link #mark} prints one stderr line {@code timing: <ms since JVM start> <ms since previous mark> <phase>}.
 * Off by default, and then a mark costs one static field read.
 */
public final class Timing {

    private static final boolean ON = System.getProperty("tlsverdict.timing") != null;
    private static long last = ON ? ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    private Timing() {
    }

    public static boolean on() {
        return ON;
    }

    public static synchronized void mark(String phase) {
        if (!ON) {
            return;
        }
        long now = System.currentTimeMillis();
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.printf("timing: %5d ms %+5d ms %s%n", now - start, now - last, phase);
        last = now;
    }
}
