package org.tlsverdict.policy.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.Verdict;

/**
 * Judges a policy's cases again on the path {@code evaluate}, {@code replay} and {@code diff} take:
 * one kept session over all cases (facts changed in place, truth maintenance withdrawing what no
 * longer holds, verdicts reused, host hidden where no rule reads it), in several shuffled orders.
 * Every verdict must equal the one a fresh session gave. A Drools upgrade or a policy that trips
 * the kept session (see {@code RuleCompiler}'s beta-node sharing) thus fails {@code tlsverdict test}.
 */
final class KeptPathCheck {

    /** Fixed seeds: a difference found once is found again on the next run. */
    static final long[] SEEDS = {1, 2};

    /** A case as the reference judged it; {@code facts} is null for a domain judged on its own. */
    record JudgedCase(int index, EndpointFacts facts, List<DomainFacts> domains, String label, Instant at,
                      EndpointResult reference) {
    }

    private KeptPathCheck() {
    }

    /** Result index -> what differs, for every case whose kept-path verdicts differ from the reference. */
    static Map<Integer, String> differences(CompiledPolicy policy, CipherRegistry registry, List<JudgedCase> cases) {
        Map<Integer, String> found = new TreeMap<>();
        for (long seed : SEEDS) {
            List<JudgedCase> order = new ArrayList<>(cases);
            Collections.shuffle(order, new Random(seed));
            // One evaluator per instant, each with its one kept session, for the whole order.
            Map<Instant, Evaluator> evaluators = new HashMap<>();
            for (JudgedCase k : order) {
                CaseRunner.stopIfCancelled();
                if (found.containsKey(k.index())) {
                    continue;
                }
                Evaluator evaluator = evaluators.computeIfAbsent(k.at(), at -> new Evaluator(policy, registry, at));
                EndpointResult kept;
                try {
                    kept = k.facts() == null ? evaluator.evaluateDomain(k.domains().get(0), k.label())
                            : evaluator.evaluate(k.facts(), k.label(), k.domains());
                } catch (RuntimeException e) {
                    found.put(k.index(), "the kept session (as evaluate/replay/diff judge, order " + seed + ") failed: " + e);
                    continue;
                }
                String difference = firstDifference(k.reference(), kept);
                if (difference != null) {
                    found.put(k.index(), "the kept session (as evaluate/replay/diff judge, order " + seed
                            + ") differs from a fresh session: " + difference);
                }
            }
        }
        return found;
    }

    static String firstDifference(EndpointResult fresh, EndpointResult kept) {
        return firstDifference(fresh, kept, "kept");
    }

    /** The first criterion whose verdicts differ, both shown; {@code path} names the second ("kept", "paired"). */
    static String firstDifference(EndpointResult fresh, EndpointResult kept, String path) {
        return firstDifference(fresh, "fresh", kept, path);
    }

    /** As above, naming the first path too. */
    static String firstDifference(EndpointResult fresh, String freshPath, EndpointResult kept, String path) {
        List<Verdict> a = fresh.verdicts();
        List<Verdict> b = kept.verdicts();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Verdict x = i < a.size() ? a.get(i) : null;
            Verdict y = i < b.size() ? b.get(i) : null;
            if (x == null || !x.equals(y)) {
                String criterion = x != null ? x.criterion() : y.criterion();
                return criterion + ": " + freshPath + " " + describe(x) + " | " + path + " " + describe(y);
            }
        }
        return null;
    }

    private static String describe(Verdict v) {
        if (v == null) {
            return "(no verdict)";
        }
        List<String> evidence = v.evidence().stream().map(KeptPathCheck::describe).toList();
        return v.status() + " '" + v.message() + "' rules " + v.rules() + " evidence " + evidence;
    }

    private static String describe(Evidence e) {
        return e.observed() + (e.source() == null ? "" : " @" + e.source()) + (e.raw() == null ? "" : " [" + e.raw() + "]");
    }
}
