package org.tlsverdict.facts;

/**
 * DNSSEC validation result of a name, as the tool's own validating resolver found it. "unknown"
 * (lookup failed or not collected) is never read as insecure.
 */
public enum DnssecStatus {
    SECURE("secure"),
    INSECURE("insecure"),
    BOGUS("bogus"),
    UNKNOWN("unknown");

    private final String label;

    DnssecStatus(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
