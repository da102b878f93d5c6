package org.tlsverdict.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.tlsverdict.facts.Fact;
import org.tlsverdict.facts.Provenance;

/**
 * The verdict last built for each criterion of one kept session (see {@link IncrementalSession}).
 * Truth maintenance keeps an outcome object for as long as its reasons hold, so from one endpoint
 * to the next most criteria conclude with the very same outcome objects; their verdict is then
 * the same too, unless the evidence was read somewhere else. A verdict is a function of the
 * outcomes and of where their evidence was read, nothing else, so reusing it changes no output;
 * building one (evidence text, sorting) is a measurable share of judging (docs/benchmarks.md).
 */
final class VerdictCache {

    private record Entry(List<Outcome> outcomes, List<Provenance> provenance, Verdict verdict) {
    }

    private final Map<String, Entry> byCriterion = new HashMap<>();

    Verdict decide(Criterion c, List<Outcome> outcomes, Function<Fact, Provenance> provenanceOf) {
        Entry last = byCriterion.get(c.packageName());
        if (last != null && sameObjects(last.outcomes(), outcomes) && sameProvenance(last, provenanceOf)) {
            return last.verdict();
        }
        Verdict v = Evaluator.decide(c, outcomes, provenanceOf);
        List<Outcome> kept = List.copyOf(outcomes);
        byCriterion.put(c.packageName(), new Entry(kept, provenance(kept, provenanceOf), v));
        return v;
    }

    /** The same outcome objects, in any order (a criterion has a handful at most). */
    private static boolean sameObjects(List<Outcome> a, List<Outcome> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Outcome o : b) {
            boolean found = false;
            for (Outcome p : a) {
                if (p == o) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameProvenance(Entry last, Function<Fact, Provenance> provenanceOf) {
        int i = 0;
        for (Outcome o : last.outcomes()) {
            for (Fact f : o.evidence()) {
                if (!Objects.equals(last.provenance().get(i++), provenanceOf.apply(f))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Provenance> provenance(List<Outcome> outcomes, Function<Fact, Provenance> provenanceOf) {
        List<Provenance> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            for (Fact f : o.evidence()) {
                out.add(provenanceOf.apply(f));
            }
        }
        return out;
    }
}
