package org.tlsverdict.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
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

    record Outcome(List<EndpointResult> results, List<VerdictReport.InputError> errors) {
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> {
                Thread t = new Thread(r, "tlsverdict-eval");
                t.setDaemon(true);
                return t;
            });

    Outcome run(CompiledPolicy policy, List<Input> inputs, Instant at, String from) {
        Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), at);
        List<Future<Object>> futures = new ArrayList<>();
        for (Input in : inputs) {
            futures.add(pool.submit(() -> {
                try {
                    var doc = InputReader.read(in.path(), in.label(), from);
                    return evaluator.evaluateAll(doc, in.label());
                } catch (FactsFormatException e) {
                    return new VerdictReport.InputError(in.label(), e.getMessage());
                }
            }));
        }
        List<EndpointResult> results = new ArrayList<>();
        List<VerdictReport.InputError> errors = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Object o = collect(futures.get(i), inputs.get(i), errors);
            if (o != null) {
                @SuppressWarnings("unchecked")
                List<EndpointResult> list = (List<EndpointResult>) o;
                results.addAll(list);
            }
        }
        return new Outcome(results, errors);
    }

    record PairOutcome(List<EndpointResult> before, List<EndpointResult> after, List<VerdictReport.InputError> errors) {
    }

    /** Reads every input once and judges it with both versions of a policy (what diff compares). */
    PairOutcome runPair(PairEvaluator pair, List<Input> inputs, String from) {
        List<Future<Object>> futures = new ArrayList<>();
        for (Input in : inputs) {
            futures.add(pool.submit(() -> {
                try {
                    return pair.evaluateAll(InputReader.read(in.path(), in.label(), from), in.label());
                } catch (FactsFormatException e) {
                    return new VerdictReport.InputError(in.label(), e.getMessage());
                }
            }));
        }
        List<EndpointResult> before = new ArrayList<>();
        List<EndpointResult> after = new ArrayList<>();
        List<VerdictReport.InputError> errors = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Object o = collect(futures.get(i), inputs.get(i), errors);
            if (o instanceof PairEvaluator.Results r) {
                before.addAll(r.before());
                after.addAll(r.after());
            }
        }
        return new PairOutcome(before, after, errors);
    }

    /** The future's value, or null with one error line for its input. */
    private static Object collect(Future<Object> future, Input input, List<VerdictReport.InputError> errors) {
        try {
            Object o = future.get();
            if (o instanceof VerdictReport.InputError err) {
                errors.add(err);
                return null;
            }
            return o;
        } catch (ExecutionException e) {
            errors.add(new VerdictReport.InputError(input.label(), input.label() + ": evaluation failed: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add(new VerdictReport.InputError(input.label(), input.label() + ": interrupted"));
        }
        return null;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
