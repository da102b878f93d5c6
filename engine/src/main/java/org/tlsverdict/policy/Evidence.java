package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.tlsverdict.facts.Fact;

/** One fact behind a verdict: what was observed and where it was read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String observed, String collector, String source, String raw) implements Comparable<Evidence> {

    /** {@code f} as observed, read where {@code p} says (kept beside the fact, see {@link org.tlsverdict.facts.RuleInput}). */
    public static Evidence of(Fact f, org.tlsverdict.facts.Provenance p) {
        return p == null ? new Evidence(f.describe(), null, null, null)
                : new Evidence(f.describe(), p.collector(), p.source(), p.raw());
    }

    private static final java.util.Comparator<Evidence> ORDER = java.util.Comparator
            .comparing(Evidence::observed)
            .thenComparing(Evidence::collector, java.util.Comparator.nullsFirst(String::compareTo))
            .thenComparing(Evidence::source, java.util.Comparator.nullsFirst(String::compareTo))
            .thenComparing(Evidence::raw, java.util.Comparator.nullsFirst(String::compareTo));

    @Override
    public int compareTo(Evidence o) {
        return ORDER.compare(this, o);
    }
}
