package org.tlsverdict.policy.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/**
 * Judges the cases of a policy that extends another once more the way {@code diff} judges the
 * two: paired with its base ({@link PairEvaluator}: criteria the two share judged once, in the
 * base's session, kept sessions over all cases). A sharing decision that goes wrong for this
 * policy gives the extension the base's verdict; here that fails the case, with both verdicts,
 * instead of giving users a wrong diff.
 */
final class PairedPathCheck {

    /** Judges one document with both versions, as diff does; the policy's results are {@code after}. */
    interface PairJudge {
        PairEvaluator.Results judge(FactsDocument doc, String source);
    }

    /** Makes the judge of the pair for one instant; tests give a deliberately broken one. */
    interface PairFactory {
        PairJudge create(CompiledPolicy base, CompiledPolicy policy, Instant at);
    }

    private PairedPathCheck() {
    }

    /** The factory diff's own path uses. */
    static PairFactory asDiffJudges(RuleCompiler compiler, CipherRegistry registry) {
        return (base, policy, at) -> new PairEvaluator(base, policy, compiler, registry, at)::evaluateAll;
    }

    /** The folder of the policy {@code policy} extends, found as PolicyLoader finds it; null when it extends none. */
    static Path baseDir(CompiledPolicy policy) {
        String ext = policy.policy().manifest().extendsPolicy();
        if (ext == null) {
            return null;
        }
        Path parent = policy.policy().dir().resolve(ext).normalize();
        return Files.isDirectory(parent) ? parent : BundledPolicies.byName(ext).orElse(parent);
    }

    /** The base policy, compiled by the compiler that judges the pair (the same rule check as the policy). */
    static CompiledPolicy compileBase(Path baseDir, RuleCompiler compiler) throws PolicyException {
        return compiler.compile(PolicyLoader.load(baseDir));
    }

    /** Result index -> what differs, for every case whose paired verdicts differ from the fresh ones. */
    static Map<Integer, String> differences(CompiledPolicy policy, CompiledPolicy base, String baseLabel,
                                            List<KeptPathCheck.JudgedCase> cases, PairFactory factory) {
        Map<Integer, String> found = new TreeMap<>();
        for (long seed : KeptPathCheck.SEEDS) {
            List<KeptPathCheck.JudgedCase> order = new ArrayList<>(cases);
            Collections.shuffle(order, new Random(seed));
            // One pair per instant, each keeping its two sessions for the whole order, as diff keeps them.
            Map<Instant, PairJudge> pairs = new HashMap<>();
            String path = "paired with its base " + baseLabel + " (as diff judges, order " + seed + ")";
            for (KeptPathCheck.JudgedCase k : order) {
                CaseRunner.stopIfCancelled();
                if (found.containsKey(k.index())) {
                    continue;
                }
                EndpointResult paired;
                try {
                    PairJudge pair = pairs.computeIfAbsent(k.at(), at -> factory.create(base, policy, at));
                    FactsDocument doc = k.facts() == null ? FactsDocument.of(List.of(), k.domains())
                            : FactsDocument.of(List.of(k.facts()), k.domains());
                    // The case's own endpoint (or its one domain) comes first in the results.
                    paired = pair.judge(doc, k.label()).after().get(0);
                } catch (RuntimeException e) {
                    found.put(k.index(), path + " failed: " + e);
                    continue;
                }
                String difference = KeptPathCheck.firstDifference(k.reference(), paired, "paired");
                if (difference != null) {
                    found.put(k.index(), path + " differs from a fresh session: " + difference);
                }
            }
        }
        return found;
    }
}
