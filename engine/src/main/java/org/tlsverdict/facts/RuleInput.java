package org.tlsverdict.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rule facts of one endpoint or domain, and beside each, where it was read. Rule facts hold
 * observed values only, so a rule cannot judge a file name or a scanner line; the evaluator
 * inserts the facts and attaches the provenance to a verdict's evidence afterwards.
 */
public final class RuleInput {

    private final List<Object> facts = new ArrayList<>();
    private final List<Provenance> provenance = new ArrayList<>();

    /** A fact that was not read from anywhere in particular (a marker such as {@link Collected}). */
    public void add(Object fact) {
        add(fact, null);
    }

    public void add(Object fact, Provenance readFrom) {
        facts.add(fact);
        provenance.add(readFrom);
    }

    /** Puts {@code fact} in place of fact {@code i}, read where that one was. */
    public void set(int i, Object fact) {
        facts.set(i, fact);
    }

    public void addAll(RuleInput other) {
        facts.addAll(other.facts);
        provenance.addAll(other.provenance);
    }

    /** The facts, in the order they were added. */
    public List<Object> facts() {
        return Collections.unmodifiableList(facts);
    }

    /** Where fact {@code i} was read; null when nowhere in particular. */
    public Provenance provenance(int i) {
        return provenance.get(i);
    }

    public int size() {
        return facts.size();
    }
}
