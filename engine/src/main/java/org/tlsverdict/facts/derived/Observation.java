package org.tlsverdict.facts.derived;

import org.tlsverdict.facts.Fact;

/**
 * A derived statement about the endpoint as a whole ("STARTTLS on port 587") that no single input
 * fact carries, so it can be the subject of a {@link Classified} label and a verdict's evidence.
 */
public record Observation(String text) implements Fact {

    @Override
    public String describe() {
        return text;
    }
}
