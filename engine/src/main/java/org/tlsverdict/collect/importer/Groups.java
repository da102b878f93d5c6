package org.tlsverdict.collect.importer;

import java.util.Locale;

/** Maps the many spellings of named groups in scanner output to one name per group. */
final class Groups {

    private Groups() {
    }

    /**
     * "ecdh_x25519", "x25519", "25519", "X25519", "secp256r1 (NIST P-256)", "prime256v1", "P-256"
     * -> x25519 / secp256r1 ...; ffdhe names stay as they are. Null when the text names no group.
     */
    static String normalize(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("ecdh_")) {
            t = t.substring(5);
        }
        int paren = t.indexOf(" (");
        if (paren > 0) {
            t = t.substring(0, paren);
        }
        return switch (t) {
            case "x25519", "25519" -> "x25519";
            case "x448", "448" -> "x448";
            case "secp256r1", "prime256v1", "p-256", "nistp256" -> "secp256r1";
            case "secp384r1", "p-384", "nistp384" -> "secp384r1";
            case "secp521r1", "p-521", "nistp521" -> "secp521r1";
            case "secp224r1", "p-224" -> "secp224r1";
            default -> t;
        };
    }

    /** testssl.sh prints ECDH key sizes ("ECDH 253"); the size identifies the usual curves. */
    static String fromEcdhBits(int bits) {
        return switch (bits) {
            case 253 -> "x25519";
            case 448 -> "x448";
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            case 224 -> "secp224r1";
            default -> null;
        };
    }
}
