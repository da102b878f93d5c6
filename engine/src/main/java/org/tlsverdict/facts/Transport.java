package org.tlsverdict.facts;

/** How TLS starts on the connection. */
public enum Transport {
    STARTTLS("starttls"), IMPLICIT("implicit");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
