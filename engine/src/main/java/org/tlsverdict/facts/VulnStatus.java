package org.tlsverdict.facts;

/** Outcome of one vulnerability test; UNKNOWN covers "test not run" and "test failed". */
public enum VulnStatus {
    VULNERABLE("vulnerable"), NOT_VULNERABLE("not-vulnerable"), UNKNOWN("unknown");

    private final String label;

    VulnStatus(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
