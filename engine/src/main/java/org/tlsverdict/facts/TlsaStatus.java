package org.tlsverdict.facts;

/**
 * Whether the TLSA records of an MX match the chain it presented (RFC 7672). "unusable": records exist
 * but cannot be used (insecure zone, PKIX usages, unknown parameters).
 */
public enum TlsaStatus {
    MATCH("match"),
    MISMATCH("mismatch"),
    UNUSABLE("unusable"),
    ABSENT("absent"),
    UNKNOWN("unknown");

    private final String label;

    TlsaStatus(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
