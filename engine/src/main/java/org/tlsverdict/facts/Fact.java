package org.tlsverdict.facts;

/** A rule fact that can stand as evidence in a verdict. */
public interface Fact {

    /** One line for people: what was observed. */
    String describe();

    Provenance provenance();
}
