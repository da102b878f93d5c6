package org.tlsverdict.facts;

/** Three-valued protocol support: "unknown" is never read as "not offered". */
public enum Support {
    OFFERED("offered"), NOT_OFFERED("not-offered"), UNKNOWN("unknown");

    private final String label;

    Support(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
