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
 *
 * <p>Where the evidence was read differs in the file only (the next endpoint of a folder of
 * one-endpoint files: same collector, same place in the file, another file), the last verdict's
 * evidence is taken with that one file name replaced ({@link #resourced}) instead of being built
 * again: evidence is sorted by what was observed first and by file name only after collector, so
 * putting one name in place of another everywhere keeps the order and which entries are equal.
 */
final class VerdictCache {

    private record Entry(List<Outcome> outcomes, List<Provenance> provenance, Verdict verdict) {
    }

    private final Map<String, Entry> byCriterion = new HashMap<>();

    Verdict decide(Criterion c, List<Outcome> outcomes, Function<Fact, Provenance> provenanceOf) {
        Entry last = byCriterion.get(c.packageName());
        if (last != null && sameObjects(last.outcomes(), outcomes)) {
            List<Provenance> now = provenance(last.outcomes(), provenanceOf);
            if (now.equals(last.provenance())) {
                return last.verdict();
            }
            Verdict v = resourced(last, now);
            if (v != null) {
                byCriterion.put(c.packageName(), new Entry(last.outcomes(), now, v));
                return v;
            }
        }
        Verdict v = Evaluator.decide(c, outcomes, provenanceOf);
        List<Outcome> kept = List.copyOf(outcomes);
        byCriterion.put(c.packageName(), new Entry(kept, provenance(kept, provenanceOf), v));
        return v;
    }

    /**
     * The last verdict with its evidence read from another file: when {@code now} differs from the
     * last provenance only in the source, one source {@code from} everywhere it was not null turned
     * into one source {@code to}; null otherwise (the verdict is then built afresh).
     */
    static Verdict resourced(Entry last, List<Provenance> now) {
        List<Provenance> before = last.provenance();
        if (before.size() != now.size()) {
            return null;
        }
        String from = null;
        String to = null;
        for (int i = 0; i < now.size(); i++) {
            Provenance a = before.get(i);
            Provenance b = now.get(i);
            if (a == null || b == null) {
                if (a != b) {
                    return null;
                }
                continue;
            }
            if (!Objects.equals(a.collector(), b.collector()) || !Objects.equals(a.raw(), b.raw())
                    || (a.source() == null) != (b.source() == null)) {
                return null;
            }
            if (a.source() != null) {
                if (from == null) {
                    from = a.source();
                    to = b.source();
                } else if (!from.equals(a.source()) || !to.equals(b.source())) {
                    return null;
                }
            }
        }
        if (from == null) {
            return null;
        }
        Verdict v = last.verdict();
        List<Evidence> evidence = new ArrayList<>(v.evidence().size());
        for (Evidence e : v.evidence()) {
            // Every evidence entry came from one of these provenances (Evaluator.decide), so its source is null or from.
            evidence.add(e.source() == null ? e : new Evidence(e.observed(), e.collector(), to, e.raw()));
        }
        return new Verdict(v.criterion(), v.title(), v.level(), v.status(), v.message(), v.expected(),
                List.copyOf(evidence), v.rules(), v.collect());
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
