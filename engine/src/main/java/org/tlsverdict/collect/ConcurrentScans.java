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

    private final ScanRunner runner;
    private final ScanRunner.ScanOptions options;
    private final ScanRunner.ScanProgress progress;
    private final ExecutorService pool;
    private final Map<String, Future<ScanAttempt>> byKey = new ConcurrentHashMap<>();
    private final List<Future<ScanAttempt>> order = new ArrayList<>();

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
        Future<ScanAttempt> f = pool.submit(() -> ScanAttempt.run(runner, t, options, progress));
        byKey.put(key(t.host(), t.port(), t.transport()), f);
        order.add(f);
    }

    /** The outcome of a submitted target, waiting for it; null when no such target was submitted. */
    public ScanAttempt await(String key) {
        Future<ScanAttempt> f = byKey.get(key);
        return f == null ? null : get(f, key);
    }

    /** Every outcome, in the order submitted. */
    public List<ScanAttempt> all() {
        List<Future<ScanAttempt>> copy;
        synchronized (this) {
            copy = List.copyOf(order);
        }
        List<ScanAttempt> out = new ArrayList<>();
        for (Future<ScanAttempt> f : copy) {
            out.add(get(f, "scan"));
        }
        return out;
    }

    private static ScanAttempt get(Future<ScanAttempt> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
