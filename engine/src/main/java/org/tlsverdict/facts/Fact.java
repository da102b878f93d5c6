package org.tlsverdict.facts;

/**
 * A rule fact that can stand as evidence in a verdict. It holds what was observed, never where:
 * that is kept beside the session ({@link RuleInput}) and attached to the evidence afterwards, so
 * a verdict depends on what was observed, never on which file or scanner line said it, and an
 * unchanged fact can stay in a session from one endpoint to the next.
 */
public interface Fact {

    /** One line for people: what was observed. */
    String describe();

    /** The fact a derived fact was concluded from, whose provenance it has; null for input facts. */
    default Fact basis() {
        return null;
    }
}
