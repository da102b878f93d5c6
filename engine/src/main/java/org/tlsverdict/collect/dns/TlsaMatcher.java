package org.tlsverdict.collect.dns;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tlsverdict.facts.TlsaRecord;

/**
 * Matches TLSA records against a presented chain the way RFC 7672 section 3.1 tells SMTP clients:
 * only DANE-TA(2) and DANE-EE(3) are usable; DANE-EE matches the leaf regardless of names and
 * dates; DANE-TA matches a certificate of the chain above the leaf, from which the chain must
 * verify down to the leaf, whose names must include the MX host.
 */
final class TlsaMatcher {

    static final int DANE_TA = 2;
    static final int DANE_EE = 3;

    private TlsaMatcher() {
    }

    /** Whether the record can be used at all: usage 2 or 3, selector 0 or 1, matching type 0, 1 or 2 with the right length. */
    static String unusableBecause(TlsaRecord r) {
        if (r.usage() != DANE_TA && r.usage() != DANE_EE) {
            return "usage " + r.usage() + (r.usage() < 2 ? " (PKIX) is not used for SMTP (RFC 7672 section 3.1.3)" : " is unknown");
        }
        if (r.selector() != 0 && r.selector() != 1) {
            return "selector " + r.selector() + " is unknown";
        }
        int hexLength = r.data().length();
        switch (r.matchingType()) {
            case 0 -> {
                if (hexLength == 0) {
                    return "matching type 0 without data";
                }
            }
            case 1 -> {
                if (hexLength != 64) {
                    return "matching type 1 needs a SHA-256 digest, got " + hexLength / 2 + " bytes";
                }
            }
            case 2 -> {
                if (hexLength != 128) {
                    return "matching type 2 needs a SHA-512 digest, got " + hexLength / 2 + " bytes";
                }
            }
            default -> {
                return "matching type " + r.matchingType() + " is unknown";
            }
        }
        return null;
    }

    /** The first usable record that matches {@code chain} (DER, leaf first) for {@code host}. */
    static Optional<TlsaRecord> match(List<TlsaRecord> records, List<byte[]> chain, String host) {
        List<X509Certificate> certs = parse(chain);
        for (TlsaRecord r : records) {
            if (unusableBecause(r) != null || certs.isEmpty()) {
                continue;
            }
            if (r.usage() == DANE_EE && matches(r, certs.get(0))) {
                return Optional.of(r);
            }
            if (r.usage() == DANE_TA) {
                for (int i = 1; i < certs.size(); i++) {
                    if (matches(r, certs.get(i)) && chainsDown(certs, i) && HostNames.matches(certs.get(0), host)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static boolean matches(TlsaRecord r, X509Certificate cert) {
        try {
            byte[] selected = r.selector() == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
            byte[] associated = switch (r.matchingType()) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> null;
            };
            return associated != null && HexFormat.of().formatHex(associated).equalsIgnoreCase(r.data());
        } catch (CertificateException | NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** Each certificate below {@code top} is signed by the key of the one above it. */
    private static boolean chainsDown(List<X509Certificate> certs, int top) {
        for (int i = top; i > 0; i--) {
            PublicKey issuerKey = certs.get(i).getPublicKey();
            try {
                certs.get(i - 1).verify(issuerKey);
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }

    static List<X509Certificate> parse(List<byte[]> chain) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (byte[] der : chain) {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            // A chain we cannot parse matches nothing; the caller reports the mismatch.
            return List.of();
        }
        return out;
    }
}
