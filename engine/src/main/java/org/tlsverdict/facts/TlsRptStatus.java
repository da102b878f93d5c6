package org.tlsverdict.facts;

/** TLS-RPT (RFC 8460) record of a domain. */
public enum TlsRptStatus {
    PRESENT("present"),
    ABSENT("absent"),
    INVALID("invalid"),
    UNKNOWN("unknown");

    private final String label;

    TlsRptStatus(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
