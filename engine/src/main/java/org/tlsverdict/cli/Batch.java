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
            try {
                Object o = futures.get(i).get();
                if (o instanceof VerdictReport.InputError err) {
                    errors.add(err);
                } else {
                    @SuppressWarnings("unchecked")
                    List<EndpointResult> list = (List<EndpointResult>) o;
                    results.addAll(list);
                }
            } catch (ExecutionException e) {
                errors.add(new VerdictReport.InputError(inputs.get(i).label(), inputs.get(i).label() + ": evaluation failed: " + e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add(new VerdictReport.InputError(inputs.get(i).label(), inputs.get(i).label() + ": interrupted"));
            }
        }
        return new Outcome(results, errors);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
