package org.tlsverdict.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.collect.importer.ImportTarget;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.Futures;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.report.VerdictReport;

/**
 * Reads and evaluates many input files with one compiled policy, files in parallel. Every file
 * ends either in results or in one error line; none is dropped.
 */
final class Batch implements AutoCloseable {

    /** An input file and the label it is known by in reports (relative, so goldens stay portable). */
    record Input(Path path, String label) {
    }

    record Judged(List<EndpointResult> results, List<VerdictReport.InputError> errors) {
    }

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS,
            r -> {
                Thread t = new Thread(r, "tlsverdict-eval");
                t.setDaemon(true);
                return t;
            });

    /** Inputs whose reading started before the policy was ready (see {@link #readAhead}). */
    private final Map<Input, Future<FactsDocument>> ahead = new HashMap<>();

    /**
     * Starts reading the first few inputs now, in the pool, so that reading them (and the JSON
     * machinery's first use) overlaps the compilation of the policy on the other core; a run over
     * one file waits on both otherwise. Only as many as there are threads: the rest are read as
     * they are judged, so memory stays flat for large batches.
     */
    void readAhead(List<Input> inputs, String from, ImportTarget target) {
        for (Input in : inputs.subList(0, Math.min(inputs.size(), THREADS))) {
            ahead.put(in, pool.submit(() -> nonEmpty(InputReader.read(in.path(), in.label(), from, target), in.label())));
        }
    }

    /**
     * Starts reading the inputs {@link #stream} will take as its first window, so that they are
     * read while the policy compiles (replay over a folder of many files). Call before the run,
     * from one thread.
     */
    void readAheadWindow(List<Input> inputs) {
        long bytes = 0;
        for (int i = 0; i < inputs.size() && i < windowFiles && (i == 0 || bytes < WINDOW_BYTES); i++) {
            Input in = inputs.get(i);
            bytes += sizeOf(in.path());
            ahead.put(in, pool.submit(() -> nonEmpty(InputReader.read(in.path(), in.label(), null, null), in.label())));
        }
    }

    Judged run(CompiledPolicy policy, List<Input> inputs, Instant at, String from) {
        return run(policy, inputs, at, from, null);
    }

    /** {@code target}: host and port for scanner output that does not name them (--target). */
    Judged run(CompiledPolicy policy, List<Input> inputs, Instant at, String from, ImportTarget target) {
        List<VerdictReport.InputError> errors = new ArrayList<>();
        List<EndpointResult> results = new ArrayList<>();
        stream(policy, inputs, at, from, target, (r, e) -> {
            results.addAll(r);
            errors.addAll(e);
        });
        return new Judged(results, errors);
    }

    /** Receives the results and errors of consecutive windows of the inputs, in input order. */
    interface Sink {
        void accept(List<EndpointResult> results, List<VerdictReport.InputError> errors);
    }

    /** Files read ahead and judged together, at most: bounds memory however many files a folder holds. */
    static final int WINDOW_FILES = 4096;
    /** {@link #WINDOW_FILES}, smaller in tests that cross the edges of windows with a few files. */
    static int windowFiles = WINDOW_FILES;
    static final long WINDOW_BYTES = 32L * 1024 * 1024;

    /**
     * Reads and judges the inputs window by window: the files of a window are read in parallel, then
     * their endpoints judged together ({@link Evaluator#evaluateMany}), so a folder of one-endpoint
     * files is judged as fast per endpoint as one big file, and only one window is held at a time.
     */
    void stream(CompiledPolicy policy, List<Input> inputs, Instant at, String from, ImportTarget target, Sink sink) {
        Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), at);
        org.tlsverdict.policy.Timing.mark("evaluator made");
        int start = 0;
        while (start < inputs.size()) {
            int end = start;
            long bytes = 0;
            while (end < inputs.size() && end - start < windowFiles && (end == start || bytes < WINDOW_BYTES)) {
                bytes += sizeOf(inputs.get(end).path());
                end++;
            }
            List<Input> window = inputs.subList(start, end);
            List<VerdictReport.InputError> errors = new ArrayList<>();
            List<Input> read = new ArrayList<>();
            List<FactsDocument> docs = judgeAll(window, from, target, (doc, label) -> doc, errors, read);
            List<EndpointResult> results = new ArrayList<>();
            List<Evaluator.DocumentResults> judged = evaluator.evaluateMany(docs, read.stream().map(Input::label).toList(), pool);
            for (int i = 0; i < judged.size(); i++) {
                Evaluator.DocumentResults d = judged.get(i);
                if (d.failure() != null) {
                    String label = read.get(i).label();
                    errors.add(new VerdictReport.InputError(label, label + ": evaluation failed: " + d.failure()));
                } else {
                    results.addAll(d.results());
                }
            }
            if (judged.stream().anyMatch(d -> d.failure() != null)) {
                // Errors in input order, as when each file was judged alone.
                java.util.Map<String, Integer> position = new java.util.HashMap<>();
                for (int i = 0; i < window.size(); i++) {
                    position.putIfAbsent(window.get(i).label(), i);
                }
                errors.sort(java.util.Comparator.comparing(e -> position.getOrDefault(e.source(), window.size())));
            }
            sink.accept(results, errors);
            start = end;
        }
    }

    /** The JSON pieces of results (see {@link org.tlsverdict.report.JsonReportStream}), rendered in parallel, in order. */
    List<byte[]> render(List<EndpointResult> results) {
        return render(results, new int[6]);
    }

    /** As {@link #render(List)}, adding the results' {@link org.tlsverdict.report.JsonReportStream#counts} to {@code counts} (counted in the same slices). */
    List<byte[]> render(List<EndpointResult> results, int[] counts) {
        byte[][] out = new byte[results.size()][];
        int slices = Math.max(1, Math.min(results.size(), 4 * Runtime.getRuntime().availableProcessors()));
        int[][] sliceCounts = new int[slices][];
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) results.size() * s / slices);
            int to = (int) ((long) results.size() * (s + 1) / slices);
            int slice = s;
            futures.add(pool.submit(() -> {
                org.tlsverdict.report.JsonReportStream.Elements elements = new org.tlsverdict.report.JsonReportStream.Elements();
                for (int i = from; i < to; i++) {
                    out[i] = elements.element(results.get(i));
                }
                sliceCounts[slice] = org.tlsverdict.report.JsonReportStream.counts(results.subList(from, to));
            }));
        }
        Futures.awaitAll(futures);
        for (int[] c : sliceCounts) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += c[i];
            }
        }
        return java.util.Arrays.asList(out);
    }

    /** The size of a file for windowing only; what cannot be sized counts as small (reading it reports why). */
    private static long sizeOf(Path p) {
        try {
            return java.nio.file.Files.size(p);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    record JudgedPair(List<EndpointResult> before, List<EndpointResult> after, List<VerdictReport.InputError> errors) {
    }

    /** Reads every input once and judges it with both versions of a policy (what diff compares). */
    JudgedPair runPair(PairEvaluator pair, List<Input> inputs, String from) {
        List<VerdictReport.InputError> errors = new ArrayList<>();
        List<EndpointResult> before = new ArrayList<>();
        List<EndpointResult> after = new ArrayList<>();
        for (PairEvaluator.Results r : judgeAll(inputs, from, null, pair::evaluateAll, errors, null)) {
            before.addAll(r.before());
            after.addAll(r.after());
        }
        return new JudgedPair(before, after, errors);
    }

    /** A file that states no endpoint and no domain would judge nothing; that must not read as a clean run. */
    private static FactsDocument nonEmpty(FactsDocument doc, String label) throws FactsFormatException {
        if (doc.endpoints().isEmpty() && doc.domainsOrEmpty().isEmpty()) {
            throw new FactsFormatException(label + ": no endpoints and no domains, nothing to judge");
        }
        return doc;
    }

    /**
     * Reads and judges the inputs in parallel; results in input order, one error line for each input
     * that failed; {@code succeeded} (if not null) gets the inputs that did not. Each pool thread
     * takes the next input as it finishes one: a task per input cost a hand-over between threads
     * per file, measurable on a folder of many small files.
     */
    private <T> List<T> judgeAll(List<Input> inputs, String from, ImportTarget target, BiFunction<FactsDocument, String, T> judge,
                                 List<VerdictReport.InputError> errors, List<Input> succeeded) {
        int n = inputs.size();
        List<Future<FactsDocument>> readEarlier = new ArrayList<>(n);
        for (Input in : inputs) {
            readEarlier.add(ahead.remove(in));
        }
        Object[] judged = new Object[n];
        Throwable[] failed = new Throwable[n];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(n, THREADS); w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    Input in = inputs.get(i);
                    try {
                        Future<FactsDocument> read = readEarlier.get(i);
                        FactsDocument doc = read != null ? readAhead(read) : nonEmpty(InputReader.read(in.path(), in.label(), from, target), in.label());
                        org.tlsverdict.policy.Timing.mark("input read: " + in.label());
                        judged[i] = judge.apply(doc, in.label());
                    } catch (Exception | Error e) {
                        failed[i] = e;
                    }
                }
            }));
        }
        boolean interrupted = false;
        for (Future<?> w : workers) {
            try {
                w.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
                break;
            }
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Input in = inputs.get(i);
            if (interrupted && judged[i] == null && failed[i] == null) {
                errors.add(new VerdictReport.InputError(in.label(), in.label() + ": interrupted"));
            } else if (failed[i] != null) {
                errors.add(new VerdictReport.InputError(in.label(), failed[i] instanceof FactsFormatException f
                        ? f.getMessage() : in.label() + ": evaluation failed: " + failed[i]));
            } else {
                @SuppressWarnings("unchecked")
                T t = (T) judged[i];
                out.add(t);
                if (succeeded != null) {
                    succeeded.add(in);
                }
            }
        }
        return out;
    }

    /** The document read ahead, or the reading's own failure (a FactsFormatException stays one). */
    private static FactsDocument readAhead(Future<FactsDocument> read) throws Exception {
        try {
            return read.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Tasks handed to the pool so far (tests: reading many files is not a task per file). */
    long tasksSubmitted() {
        return ((java.util.concurrent.ThreadPoolExecutor) pool).getTaskCount();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
