package org.tlsverdict.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.tlsverdict.facts.Fact;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.RuleInput;
import org.tlsverdict.facts.derived.Observation;

/**
 * A Drools session that judges one endpoint after another, owned by one thread. Endpoints of one
 * run share most of their facts (the same versions offered, the same suites), and a Rete network
 * exists to re-evaluate only what a change touches: so between endpoints the facts equal to the
 * previous endpoint's stay in the session, and only the others are deleted and inserted. Truth
 * maintenance then withdraws exactly the outcomes and derived facts whose reasons are gone.
 *
 * <p>Rule facts hold observed values only, so "equal" means "the rules see the same values";
 * where each fact of the current endpoint was read comes beside it ({@link RuleInput}), is kept
 * beside the session and attached to the evidence afterwards ({@link Judged#provenanceOf}).
 */
final class IncrementalSession {

    private record Held(FactHandle handle, Object fact) {
    }

    /**
     * A fact as it goes into the session, hashed once: facts are records whose hash is computed
     * on every call, and each is looked up in two maps.
     */
    private static final class Key {
        final Object fact;
        final int hash;

        Key(Object fact) {
            this.fact = fact;
            this.hash = fact.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && fact.equals(k.fact);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The outcomes of one endpoint, and where each fact of that endpoint was read. */
    record Judged(List<Outcome> outcomes, Map<Object, Provenance> provenance, VerdictCache verdicts) {

        /** The verdict of {@code c} on these outcomes. */
        Verdict decide(Criterion c, List<Outcome> outcomesOfC) {
            return verdicts.decide(c, outcomesOfC, this::provenanceOf);
        }

        Provenance provenanceOf(Fact f) {
            return IncrementalSession.provenanceOf(provenance, f);
        }
    }

    /**
     * Where {@code f} was read, by the identity of the fact in the session: through the fact it was
     * concluded from if it is derived; "derived" for an observation rules made of the whole endpoint.
     */
    static Provenance provenanceOf(Map<Object, Provenance> provenance, Fact f) {
        for (Fact x = f; x != null; x = x.basis()) {
            Provenance p = provenance.get(x);
            if (p != null) {
                return p;
            }
        }
        return f instanceof Observation o ? new Provenance("derived", null, o.text()) : null;
    }

    private final KieSession session;
    /** The facts in the session, by value; a list because an input may repeat a fact. */
    private Map<Key, ArrayDeque<Held>> held = new HashMap<>();
    /** Verdicts are built from this session's outcome objects, so they are kept with it. */
    private final VerdictCache verdicts = new VerdictCache();

    IncrementalSession(KieBase kieBase) {
        this.session = kieBase.newKieSession();
    }

    KieSession session() {
        return session;
    }

    /** Makes {@code input}'s facts the session's facts, fires, and returns the outcomes. */
    Judged judge(RuleInput input) {
        List<Object> facts = input.facts();
        Map<Key, ArrayDeque<Held>> next = new HashMap<>(facts.size() * 2);
        Map<Object, Provenance> provenance = new IdentityHashMap<>(facts.size() * 2);
        List<Key> added = new ArrayList<>();
        List<Provenance> addedFrom = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Key key = new Key(facts.get(i));
            ArrayDeque<Held> same = held.get(key);
            Held kept = same == null ? null : same.poll();
            if (kept != null) {
                next.computeIfAbsent(key, k -> new ArrayDeque<>(1)).add(kept);
                bind(provenance, kept.fact(), input.provenance(i));
            } else {
                added.add(key);
                addedFrom.add(input.provenance(i));
            }
        }
        for (ArrayDeque<Held> gone : held.values()) {
            for (Held h : gone) {
                session.delete(h.handle());
            }
        }
        for (int i = 0; i < added.size(); i++) {
            Key key = added.get(i);
            next.computeIfAbsent(key, k -> new ArrayDeque<>(1)).add(new Held(session.insert(key.fact), key.fact));
            bind(provenance, key.fact, addedFrom.get(i));
        }
        held = next;
        session.fireAllRules();
        Collection<?> objects = session.getObjects(new ClassObjectFilter(Outcome.class));
        List<Outcome> out = new ArrayList<>(objects.size());
        objects.forEach(o -> out.add((Outcome) o));
        return new Judged(out, provenance, verdicts);
    }

    private static void bind(Map<Object, Provenance> provenance, Object inSession, Provenance readFrom) {
        if (readFrom != null) {
            provenance.put(inSession, readFrom);
        }
    }

    void dispose() {
        session.dispose();
    }
}
