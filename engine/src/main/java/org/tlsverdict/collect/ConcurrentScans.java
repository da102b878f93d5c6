package org.tlsverdict.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scans targets side by side, each as soon as it is submitted, so a provider's endpoints take about
 * as long as the slowest of them. Each target's own connections stay sequential and paced by the
 * runner ({@code --rate}, {@code --timeout}, {@code --deadline}). A target that cannot be scanned
 * gives an outcome with the one-line reason, never an exception.
 */
public final class ConcurrentScans implements AutoCloseable {

    /** One target's result, or the one-line reason there is none. */
    public record Outcome(ScanTarget target, ScanRunner.ScanResult result, String error, double seconds) {
    }

    private final ScanRunner runner;
    private final ScanRunner.ScanOptions options;
    private final ScanRunner.ScanProgress progress;
    private final ExecutorService pool;
    private final Map<String, Future<Outcome>> byKey = new ConcurrentHashMap<>();
    private final List<Future<Outcome>> order = new ArrayList<>();

    public ConcurrentScans(ScanRunner runner, ScanRunner.ScanOptions options, ScanRunner.ScanProgress progress, int threads) {
        this.runner = runner;
        this.options = options;
        this.progress = progress;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "scan");
            t.setDaemon(true);
            return t;
        });
    }

    /** The key a target is found under: host, port and how TLS starts. */
    public static String key(String host, int port, Object transport) {
        return host.toLowerCase(java.util.Locale.ROOT) + ":" + port + "/" + transport;
    }

    public synchronized void submit(ScanTarget t) {
        Future<Outcome> f = pool.submit(() -> scan(t));
        byKey.put(key(t.host(), t.port(), t.transport()), f);
        order.add(f);
    }

    private Outcome scan(ScanTarget t) {
        long start = System.nanoTime();
        try {
            return new Outcome(t, runner.scan(t, options, progress), null, seconds(start));
        } catch (ScanException e) {
            return new Outcome(t, null, e.getMessage(), seconds(start));
        } catch (RuntimeException e) {
            return new Outcome(t, null, t + ": " + e, seconds(start));
        }
    }

    /** The outcome of a submitted target, waiting for it; null when no such target was submitted. */
    public Outcome await(String key) {
        Future<Outcome> f = byKey.get(key);
        return f == null ? null : get(f, key);
    }

    /** Every outcome, in the order submitted. */
    public List<Outcome> all() {
        List<Future<Outcome>> copy;
        synchronized (this) {
            copy = List.copyOf(order);
        }
        List<Outcome> out = new ArrayList<>();
        for (Future<Outcome> f : copy) {
            out.add(get(f, "scan"));
        }
        return out;
    }

    private static Outcome get(Future<Outcome> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
