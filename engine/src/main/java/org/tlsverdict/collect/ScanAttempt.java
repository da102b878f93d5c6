package org.tlsverdict.collect;

/**
 * One target scanned: the result, or the one-line reason there is none (never an exception), and
 * how long it took. What {@code scan}, {@code check} and the MX scans of the domain collector
 * report per target.
 */
public record ScanAttempt(ScanTarget target, ScanRunner.ScanResult result, String error, double seconds) {

    /** Scans {@code target}; a runner's failure becomes the attempt's error line. */
    public static ScanAttempt run(ScanRunner runner, ScanTarget target, ScanRunner.ScanOptions options, ScanRunner.ScanProgress progress) {
        long start = System.nanoTime();
        try {
            return new ScanAttempt(target, runner.scan(target, options, progress), null, seconds(start));
        } catch (ScanException e) {
            return new ScanAttempt(target, null, e.getMessage(), seconds(start));
        } catch (RuntimeException e) {
            return new ScanAttempt(target, null, target + ": " + e, seconds(start));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
