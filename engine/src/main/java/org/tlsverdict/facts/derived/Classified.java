package org.tlsverdict.facts.derived;

import org.tlsverdict.facts.Fact;

/**
 * A criterion file's own classification of a fact ("weak-dh" for a suite), so that the threshold
 * is written once and the decision rules read the label. Prefer this to a DRL {@code declare}:
 * declared types cannot be restored from the compiled-rule cache, so such policies recompile
 * on every run.
 */
public record Classified(String label, Fact subject) implements Fact {

    @Override
    public String describe() {
        return subject.describe() + " [" + label + "]";
    }

    @Override
    public Fact basis() {
        return subject;
    }
}
