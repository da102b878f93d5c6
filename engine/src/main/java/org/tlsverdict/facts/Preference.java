package org.tlsverdict.facts;

/** Who picks the cipher suite for one protocol version. */
public enum Preference {
    SERVER("server"), CLIENT("client"), UNKNOWN("unknown");

    private final String label;

    Preference(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
