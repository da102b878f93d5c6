package org.tlsverdict.facts;

/**
 * MTA-STS (RFC 8461): "invalid" means the TXT record exists but no policy could be had, or an MX
 * matches none of its patterns.
 */
public enum MtaStsStatus {
    VALID("valid"),
    INVALID("invalid"),
    ABSENT("absent"),
    UNKNOWN("unknown");

    private final String label;

    MtaStsStatus(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
