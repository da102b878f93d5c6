package org.tlsverdict.facts.derived;

import org.tlsverdict.facts.Fact;
import org.tlsverdict.facts.Provenance;

/**
 * A derived statement about the endpoint as a whole ("STARTTLS on port 587") that no single input
 * fact carries, so it can be the subject of a {@link Classified} label and a verdict's evidence.
 */
public record Observation(String text) implements Fact {

    @Override
    public String describe() {
        return text;
    }

    @Override
    public Provenance provenance() {
        return new Provenance("derived", null, text);
    }

    /** Concluded by rules, never inserted by the evaluator: there is nothing to strip. */
    @Override
    public Observation withoutProvenance() {
        return this;
    }
}
