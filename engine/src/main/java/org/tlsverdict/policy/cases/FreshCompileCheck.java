package org.tlsverdict.policy.cases;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.RuleCompiler;

/**
 * Judges a policy's cases once more with the policy compiled from its source files, without the
 * compiled-rule cache, when any of its pieces came from that cache (a second run, or a run after
 * an edit of one rule file, where only that file is compiled again). Every verdict must equal the
 * one the cached rules gave: a cache entry served for a file it was not compiled from, or a piece
 * that behaves otherwise beside pieces compiled in another run, fails {@code tlsverdict test}
 * instead of judging users' endpoints with rules nobody wrote.
 */
final class FreshCompileCheck {

    /** Compiles the policy again from source; tests give one that fails on purpose. */
    interface Recompiler {
        CompiledPolicy compile(CompiledPolicy cached) throws PolicyException;
    }

    private FreshCompileCheck() {
    }

    /** The same file texts the cached policy was made of, with the same rule check, and no cache. */
    static final Recompiler FROM_SOURCE = cached -> new RuleCompiler(null, cached.trustedRules()).compile(cached.policy());

    /**
     * Starts compiling the policy from source on a thread of its own, so that it is done while the
     * cases are judged (on another core); null when nothing of the policy came from the cache.
     */
    static FutureTask<CompiledPolicy> start(CompiledPolicy cached, Recompiler recompiler) {
        if (!cached.fromCache()) {
            return null;
        }
        FutureTask<CompiledPolicy> task = new FutureTask<>(() -> recompiler.compile(cached));
        Thread t = new Thread(task, "tlsverdict-fresh-compile");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** Result index -> what differs, for every case the policy compiled by {@code compiling} judges otherwise. */
    static Map<Integer, String> differences(CipherRegistry registry, List<KeptPathCheck.JudgedCase> cases,
                                            FutureTask<CompiledPolicy> compiling) {
        Map<Integer, String> found = new TreeMap<>();
        if (compiling == null || cases.isEmpty()) {
            return found;
        }
        CompiledPolicy fresh;
        try {
            fresh = compiling.get();
        } catch (ExecutionException e) {
            String why = "compiled from source without the cache, the policy does not compile: "
                    + (e.getCause() instanceof PolicyException p ? p.getMessage() : String.valueOf(e.getCause()));
            cases.forEach(k -> found.put(k.index(), why));
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("cases run cancelled");
        }
        Map<Instant, Evaluator> evaluators = new HashMap<>();
        for (KeptPathCheck.JudgedCase k : cases) {
            CaseRunner.stopIfCancelled();
            Evaluator evaluator = evaluators.computeIfAbsent(k.at(), at -> new Evaluator(fresh, registry, at));
            EndpointResult again;
            try {
                again = k.facts() == null ? evaluator.evaluateDomain(k.domains().get(0), k.label(), null)
                        : evaluator.evaluateReference(k.facts(), k.label(), k.domains(), null);
            } catch (RuntimeException e) {
                found.put(k.index(), "compiled from source without the cache, the policy failed on this case: " + e);
                continue;
            }
            String difference = KeptPathCheck.firstDifference(k.reference(), "cached", again, "from source");
            if (difference != null) {
                found.put(k.index(), "the rules read from the compiled-rule cache judge otherwise than the same files compiled"
                        + " from source (try TLSVERDICT_CACHE=off, and report it): " + difference);
            }
        }
        return found;
    }
}
