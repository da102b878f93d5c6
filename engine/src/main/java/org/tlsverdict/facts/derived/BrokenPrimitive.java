package org.tlsverdict.facts.derived;

import org.tlsverdict.facts.Fact;

/**
 * Derived by rules/common/broken-primitives.drl (and by a policy's own additions): {@code subject}
 * (an accepted suite or a certificate) uses {@code primitive}, one that is broken ("rc4", "3des",
 * "md5-signature"). The one list every criterion reads instead of naming the primitives itself.
 */
public record BrokenPrimitive(Fact subject, String primitive) implements Fact {

    @Override
    public String describe() {
        return subject.describe() + " [broken: " + primitive + "]";
    }

    @Override
    public Fact basis() {
        return subject;
    }
}
