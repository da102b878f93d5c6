package org.tlsverdict.collect.dns;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.TriState;

/**
 * The certificate facts of a presented chain: names, key, signature, validity, and for the leaf
 * whether it validates (PKIX, against the trust manager given) and matches the MX host name.
 */
public final class ChainFacts {

    private ChainFacts() {
    }

    public static List<Certificate> of(List<byte[]> der, String host, X509TrustManager trust, Provenance provenance) {
        List<X509Certificate> certs = TlsaMatcher.parse(der);
        List<Certificate> out = new ArrayList<>();
        for (int i = 0; i < certs.size(); i++) {
            X509Certificate c = certs.get(i);
            TriState trusted = TriState.UNKNOWN;
            TriState hostname = TriState.UNKNOWN;
            if (i == 0) {
                trusted = trusted(certs, trust);
                hostname = HostNames.matches(c, host) ? TriState.YES : TriState.NO;
            }
            PublicKey key = c.getPublicKey();
            out.add(new Certificate(i, c.getSubjectX500Principal().getName(), HostNames.dnsNames(c),
                    c.getIssuerX500Principal().getName(), keyType(key), keyBits(key), curve(key), c.getSigAlgName(),
                    c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), trusted, hostname, provenance));
        }
        return out;
    }

    private static TriState trusted(List<X509Certificate> certs, X509TrustManager trust) {
        if (trust == null) {
            return TriState.UNKNOWN;
        }
        try {
            // "UNKNOWN": no TLS 1.2 key-exchange specific key-usage check, as for TLS 1.3.
            trust.checkServerTrusted(certs.toArray(new X509Certificate[0]), "UNKNOWN");
            return TriState.YES;
        } catch (CertificateException | IllegalArgumentException e) {
            return TriState.NO;
        }
    }

    static String keyType(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "RSA";
            case "EC" -> "ECDSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "DSA" -> "DSA";
            default -> key.getAlgorithm();
        };
    }

    static Integer keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return null;
    }

    static String curve(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            String s = ec.getParams().toString();
            int space = s.indexOf(' ');
            return space > 0 ? s.substring(0, space) : s;
        }
        return null;
    }
}
