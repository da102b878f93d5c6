package org.tlsverdict.facts;

/** A yes/no check whose answer may not have been collected. */
public enum TriState {
    YES("yes"), NO("no"), UNKNOWN("unknown");

    private final String label;

    TriState(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
