package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.teletrust.TeleTrusTNamedCurves;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.TriState;

/**
 * Certificate facts from a DER chain, parsed with Bouncy Castle: key type and size or curve,
 * signature algorithm (OpenSSL's names, as the other collectors report them), validity, subject,
 * SANs; on the leaf, hostname match and chain validation ({@link ChainValidator}).
 */
final class CertificateFacts {

    private static final Map<String, String> SIGNATURE_NAMES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", "md2WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.14", "sha224WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.10", "rsassaPss"),
            Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"),
            Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.2.840.10040.4.3", "dsaWithSHA1"),
            Map.entry("2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"),
            Map.entry("1.3.101.112", "ED25519"),
            Map.entry("1.3.101.113", "ED448"));

    private CertificateFacts() {
    }

    /**
     * @param chain    DER certificates as the server sent them, leaf first
     * @param host     the name or address scanned, for the hostname match
     * @param trust    validator for the chain, or null to leave trust unknown
     * @param how      provenance raw text: the probe that brought the chain
     */
    static List<Certificate> of(List<byte[]> chain, String host, ChainValidator trust, String how) {
        List<Certificate> out = new ArrayList<>();
        TriState trusted = trust == null ? TriState.UNKNOWN : trust.validate(chain);
        for (int i = 0; i < chain.size(); i++) {
            Provenance p = new Provenance("native", null, how + ", certificate " + i);
            try {
                X509CertificateHolder h = new X509CertificateHolder(chain.get(i));
                boolean leaf = i == 0;
                out.add(describe(h, i, leaf ? trusted : null, leaf ? hostnameMatch(h, host) : null, p));
            } catch (IOException | RuntimeException e) {
                // An unparsable certificate is still a position in the chain; nothing is known about it.
                out.add(new Certificate(i, null, null, null, null, null, null, null, null, null, null, null,
                        new Provenance("native", null, how + ", certificate " + i + " unparsable: " + e.getMessage())));
            }
        }
        return out;
    }

    private static Certificate describe(X509CertificateHolder h, int position, TriState trusted, TriState hostnameMatch,
                                        Provenance p) {
        String[] key = keyInfo(h.getSubjectPublicKeyInfo());
        return new Certificate(position, name(h.getSubject()), subjectAltNames(h), name(h.getIssuer()),
                key[0], key[1] == null ? null : Integer.valueOf(key[1]), key[2], signatureName(h),
                h.getNotBefore().toInstant(), h.getNotAfter().toInstant(), trusted, hostnameMatch, p);
    }

    private static String name(org.bouncycastle.asn1.x500.X500Name name) {
        try {
            return new X500Principal(name.getEncoded()).getName(X500Principal.RFC2253);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String signatureName(X509CertificateHolder h) {
        String oid = h.getSignatureAlgorithm().getAlgorithm().getId();
        String known = SIGNATURE_NAMES.get(oid);
        return known != null ? known : new DefaultAlgorithmNameFinder().getAlgorithmName(h.getSignatureAlgorithm());
    }

    /** {type, bits, curve}. */
    static String[] keyInfo(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        try {
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption) || alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                BigInteger n = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus();
                return new String[] {"RSA", Integer.toString(n.bitLength()), null};
            }
            if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                ASN1Primitive params = spki.getAlgorithm().getParameters().toASN1Primitive();
                if (params instanceof ASN1ObjectIdentifier curveOid) {
                    String curve = SECNamedCurves.getName(curveOid);
                    if (curve == null) {
                        curve = TeleTrusTNamedCurves.getName(curveOid);
                    }
                    if (curve == null) {
                        curve = ECNamedCurveTable.getName(curveOid);
                    }
                    var params9 = ECNamedCurveTable.getByOID(curveOid);
                    String bits = params9 == null ? null : Integer.toString(params9.getCurve().getFieldSize());
                    return new String[] {"EC", bits, curve == null ? curveOid.getId() : curve};
                }
                return new String[] {"EC", null, "explicit"};
            }
            if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
                return new String[] {"Ed25519", "256", null};
            }
            if (alg.equals(EdECObjectIdentifiers.id_Ed448)) {
                return new String[] {"Ed448", "456", null};
            }
            if (alg.equals(X9ObjectIdentifiers.id_dsa)) {
                DSAParameter dsa = DSAParameter.getInstance(spki.getAlgorithm().getParameters());
                return new String[] {"DSA", dsa == null ? null : Integer.toString(dsa.getP().bitLength()), null};
            }
        } catch (IOException | RuntimeException e) {
            return new String[] {null, null, null};
        }
        return new String[] {alg.getId(), null, null};
    }

    static List<String> subjectAltNames(X509CertificateHolder h) {
        List<String> out = new ArrayList<>();
        GeneralNames names = GeneralNames.fromExtensions(h.getExtensions(), Extension.subjectAlternativeName);
        if (names == null) {
            return out;
        }
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() == GeneralName.dNSName) {
                out.add(DERIA5String.getInstance(n.getName()).getString());
            } else if (n.getTagNo() == GeneralName.iPAddress) {
                try {
                    out.add(InetAddress.getByAddress(ASN1OctetString.getInstance(n.getName()).getOctets()).getHostAddress());
                } catch (IOException e) {
                    // A malformed address entry names nothing.
                }
            }
        }
        return out;
    }

    /** RFC 6125: DNS-ID (wildcard only as the whole left-most label) or IP-ID; the CN only when there is no DNS SAN. */
    static TriState hostnameMatch(X509CertificateHolder h, String host) {
        String target = host.toLowerCase(Locale.ROOT);
        boolean ip = target.contains(":") || target.matches("[0-9.]+");
        List<String> dnsNames = new ArrayList<>();
        GeneralNames names = GeneralNames.fromExtensions(h.getExtensions(), Extension.subjectAlternativeName);
        if (names != null) {
            for (GeneralName n : names.getNames()) {
                if (n.getTagNo() == GeneralName.dNSName) {
                    dnsNames.add(DERIA5String.getInstance(n.getName()).getString().toLowerCase(Locale.ROOT));
                } else if (n.getTagNo() == GeneralName.iPAddress && ip) {
                    try {
                        InetAddress a = InetAddress.getByAddress(ASN1OctetString.getInstance(n.getName()).getOctets());
                        if (a.equals(InetAddress.getByName(target))) {
                            return TriState.YES;
                        }
                    } catch (IOException e) {
                        // Not an address; no match.
                    }
                }
            }
        }
        if (ip) {
            return TriState.NO;
        }
        if (dnsNames.isEmpty()) {
            for (RDN rdn : h.getSubject().getRDNs(BCStyle.CN)) {
                dnsNames.add(IETFUtils.valueToString(rdn.getFirst().getValue()).toLowerCase(Locale.ROOT));
            }
        }
        for (String name : dnsNames) {
            if (matches(name, target)) {
                return TriState.YES;
            }
        }
        return TriState.NO;
    }

    static boolean matches(String pattern, String host) {
        String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && p.substring(1).equals(h.substring(dot)) && p.chars().filter(c -> c == '.').count() >= 2;
        }
        return p.equals(h);
    }
}
