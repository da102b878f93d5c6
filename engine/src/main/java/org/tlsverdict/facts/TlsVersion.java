package org.tlsverdict.facts;

import java.util.Locale;
import java.util.Optional;

/** Protocol versions in ascending order; the label is the key used in facts files. */
public enum TlsVersion {
    SSLv2("SSLv2", 0x0200),
    SSLv3("SSLv3", 0x0300),
    TLSv1_0("TLSv1.0", 0x0301),
    TLSv1_1("TLSv1.1", 0x0302),
    TLSv1_2("TLSv1.2", 0x0303),
    TLSv1_3("TLSv1.3", 0x0304);

    private final String label;
    private final int wireValue;

    TlsVersion(String label, int wireValue) {
        this.label = label;
        this.wireValue = wireValue;
    }

    public String label() {
        return label;
    }

    public int wireValue() {
        return wireValue;
    }

    /** Position in the ordering; rules compare versions through it. */
    public int rank() {
        return ordinal();
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Accepts the spellings scanners use: "TLSv1.2", "TLS 1.2", "TLSv1", "TLS1_2", "tls1.2", "SSLv3", "SSL 3".
     */
    public static Optional<TlsVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("_", ".").replace("V", "");
        switch (t) {
            case "SSL2": case "SSL2.0": return Optional.of(SSLv2);
            case "SSL3": case "SSL3.0": return Optional.of(SSLv3);
            case "TLS1": case "TLS1.0": return Optional.of(TLSv1_0);
            case "TLS1.1": return Optional.of(TLSv1_1);
            case "TLS1.2": return Optional.of(TLSv1_2);
            case "TLS1.3": return Optional.of(TLSv1_3);
            default: return Optional.empty();
        }
    }

    public static TlsVersion ofLabel(String label) {
        return parse(label).orElseThrow(() -> new IllegalArgumentException("unknown protocol version '" + label + "'"));
    }
}
