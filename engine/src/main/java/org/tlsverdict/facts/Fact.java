package org.tlsverdict.facts;

/** A rule fact that can stand as evidence in a verdict. */
public interface Fact {

    /** One line for people: what was observed. */
    String describe();

    Provenance provenance();

    /**
     * This fact as rules see it: the same values, no provenance. The evaluator inserts these and
     * attaches where each was read only to the evidence, so that a verdict depends on what was
     * observed, never on which file or scanner line said it, and an unchanged fact can stay in the
     * session from one endpoint to the next.
     */
    Fact withoutProvenance();

    /** The fact a derived fact was concluded from, whose provenance it carries; null for input facts. */
    default Fact basis() {
        return null;
    }
}
