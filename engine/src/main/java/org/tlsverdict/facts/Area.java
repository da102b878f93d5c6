package org.tlsverdict.facts;

/** Areas of the fact model whose collection status is tracked separately. */
public enum Area {
    PROTOCOLS("protocols"),
    CIPHERS("ciphers"),
    SERVER_PREFERENCE("serverPreference"),
    CERTIFICATES("certificates"),
    VULNERABILITIES("vulnerabilities"),
    GROUPS("groups");

    private final String key;

    Area(String key) {
        this.key = key;
    }

    /** The JSON key of the area in a facts file. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
