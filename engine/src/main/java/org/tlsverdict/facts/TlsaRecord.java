package org.tlsverdict.facts;

import java.util.Locale;

/** One TLSA record (RFC 6698): certificate usage, selector, matching type and the data in hex. */
public record TlsaRecord(int usage, int selector, int matchingType, String data) {

    public TlsaRecord {
        data = data == null ? "" : data.toLowerCase(Locale.ROOT);
    }

    /** Presentation form, e.g. {@code 3 1 1 ab12...}. */
    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + data;
    }
}
