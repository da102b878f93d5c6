package org.tlsverdict.collect.importer;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tlsverdict.facts.TriState;

/** Certificate details as scanners print them: dates, SAN lists, host-name matching. */
final class CertificateText {

    private static final DateTimeFormatter OPENSSL_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMM ppd HH:mm:ss yyyy 'GMT'").toFormatter(Locale.ROOT);

    private CertificateText() {
    }

    /**
     * "2036-11-25T18:07:14" (nmap), "2036-11-25 18:07" (testssl.sh), "Nov 25 18:07:14 2036 GMT"
     * (sslscan/OpenSSL), all UTC. Null when unparseable: the date then counts as not collected.
     */
    static Instant parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().replaceAll("\\s+", " ");
        try {
            if (Character.isDigit(t.charAt(0))) {
                String iso = t.replace(' ', 'T');
                if (iso.endsWith("Z")) {
                    return Instant.parse(iso);
                }
                if (iso.length() == 16) {
                    iso += ":00";
                }
                return LocalDateTime.parse(iso.length() > 19 ? iso.substring(0, 19) : iso).toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(t, OPENSSL_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** "DNS:a.example, IP Address:127.0.0.1" or "a.example b.example" -> [a.example, 127.0.0.1]. */
    static List<String> sans(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[,\\s]+")) {
            String p = part.trim();
            if (p.isEmpty() || p.equalsIgnoreCase("IP") || p.equalsIgnoreCase("Address:")) {
                continue;
            }
            int colon = p.indexOf(':');
            if (p.startsWith("DNS:") || p.startsWith("Address:")) {
                p = p.substring(colon + 1);
            }
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** RFC 6125 matching of a host name against SANs (one left-most wildcard label). */
    static TriState matches(String host, List<String> names) {
        if (host == null || names == null || names.isEmpty()) {
            return TriState.UNKNOWN;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            if (name.equals(h)) {
                return TriState.YES;
            }
            if (name.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(name.substring(1))) {
                return TriState.YES;
            }
        }
        return TriState.NO;
    }

    static String keyType(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("RSA")) {
            return "RSA";
        }
        if (t.startsWith("EC") || t.contains("ECDSA")) {
            return "ECDSA";
        }
        if (t.startsWith("DSA")) {
            return "DSA";
        }
        if (t.contains("ED25519")) {
            return "Ed25519";
        }
        return t;
    }

    /** Key size of an EC key from its named curve; null when the curve is not named or not known. */
    static Integer ecKeyBits(String curve) {
        if (curve == null) {
            return null;
        }
        return switch (Groups.normalize(curve)) {
            case "secp256r1", "brainpoolp256r1", "secp256k1" -> 256;
            case "secp384r1", "brainpoolp384r1" -> 384;
            case "secp521r1" -> 521;
            case "brainpoolp512r1" -> 512;
            case "secp224r1" -> 224;
            case "x25519", "ed25519" -> 256;
            case "x448", "ed448" -> 456;
            default -> null;
        };
    }
}
