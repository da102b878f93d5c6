package org.tlsverdict.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> {
                Thread t = new Thread(r, "tlsverdict-eval");
                t.setDaemon(true);
                return t;
            });

    Judged run(CompiledPolicy policy, List<Input> inputs, Instant at, String from) {
        return run(policy, inputs, at, from, null);
    }

    /** {@code target}: host and port for scanner output that does not name them (--target). */
    Judged run(CompiledPolicy policy, List<Input> inputs, Instant at, String from, ImportTarget target) {
        Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), at);
        org.tlsverdict.policy.Timing.mark("evaluator made");
        List<VerdictReport.InputError> errors = new ArrayList<>();
        List<EndpointResult> results = new ArrayList<>();
        judgeAll(inputs, from, target, evaluator::evaluateAll, errors).forEach(results::addAll);
        return new Judged(results, errors);
    }

    record JudgedPair(List<EndpointResult> before, List<EndpointResult> after, List<VerdictReport.InputError> errors) {
    }

    /** Reads every input once and judges it with both versions of a policy (what diff compares). */
    JudgedPair runPair(PairEvaluator pair, List<Input> inputs, String from) {
        List<VerdictReport.InputError> errors = new ArrayList<>();
        List<EndpointResult> before = new ArrayList<>();
        List<EndpointResult> after = new ArrayList<>();
        for (PairEvaluator.Results r : judgeAll(inputs, from, null, pair::evaluateAll, errors)) {
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

    /** Reads and judges the inputs in parallel; results in input order, one error line for each input that failed. */
    private <T> List<T> judgeAll(List<Input> inputs, String from, ImportTarget target, BiFunction<FactsDocument, String, T> judge,
                                 List<VerdictReport.InputError> errors) {
        List<Future<T>> futures = new ArrayList<>();
        for (Input in : inputs) {
            futures.add(pool.submit(() -> {
                FactsDocument doc = nonEmpty(InputReader.read(in.path(), in.label(), from, target), in.label());
                org.tlsverdict.policy.Timing.mark("input read: " + in.label());
                return judge.apply(doc, in.label());
            }));
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Input in = inputs.get(i);
            try {
                out.add(futures.get(i).get());
            } catch (ExecutionException e) {
                errors.add(new VerdictReport.InputError(in.label(), e.getCause() instanceof FactsFormatException f
                        ? f.getMessage() : in.label() + ": evaluation failed: " + e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add(new VerdictReport.InputError(in.label(), in.label() + ": interrupted"));
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
