package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;

/**
 * Every certificate type the server holds, not just the one a default client gets: a server with
 * an ECDSA and an RSA certificate gives RSA-only clients the RSA one, and that one must meet the
 * policy too. Below TLS 1.3 the accepted suites already show which types it holds (a server
 * accepts ECDHE_RSA suites only with an RSA certificate): one hello with only the suites of each
 * type not yet seen. A TLS 1.3-only server is asked by signature algorithms, which pick the
 * certificate there: one Bouncy Castle handshake per type not yet seen, offering only that type's
 * schemes. One connection per type not yet seen.
 */
final class CertificateTypes {

    static final String ECDSA = "ECDSA";
    static final String RSA = "RSA";

    private static final List<SignatureAndHashAlgorithm> ECDSA_SCHEMES = List.of(
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha512, SignatureAlgorithm.ecdsa));
    private static final List<SignatureAndHashAlgorithm> RSA_SCHEMES = List.of(
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha256, SignatureAndHashAlgorithm.rsa_pss_rsae_sha384,
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha512);

    private CertificateTypes() {
    }

    static void probe(ProbeContext ctx, Connector connector) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        if (f.chain == null || f.chain.isEmpty()) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        seen.add(keyType(f.chain.get(0)));
        TlsVersion legacy = legacyVersion(f);
        if (legacy != null) {
            for (String type : List.of(ECDSA, RSA)) {
                List<Integer> suites = suitesOf(ctx, legacy, type);
                if (seen.contains(type) || suites.isEmpty()) {
                    continue;
                }
                Reply r = ctx.exchange.send(ctx.legacy(legacy, suites), true);
                if (r.accepted() && r.certificates() != null && !r.certificates().isEmpty()
                        && seen.add(keyType(r.certificates().get(0)))) {
                    f.moreChains.add(new Findings.Chain(r.certificates(), r.describe() + " (" + type + " suites only)"));
                } else if (!r.accepted()) {
                    f.problem(type + " certificate: " + type + " suites were accepted before but not now: " + r.describe());
                }
            }
        }
        // The suites of an older version already told every type (servers share certificates
        // between versions); only a TLS 1.3-only server needs asking by signature schemes.
        if (legacy != null || f.support(TlsVersion.TLSv1_3) != Support.OFFERED) {
            return;
        }
        for (String type : List.of(ECDSA, RSA)) {
            if (seen.contains(type)) {
                continue;
            }
            Connection c = connector.openOrNote(f, "TLS 1.3 " + type + " certificate");
            if (c == null) {
                return;
            }
            try (c) {
                List<byte[]> chain = Tls13Chain.fetch(c, ctx.serverName, type.equals(ECDSA) ? ECDSA_SCHEMES : RSA_SCHEMES);
                // No chain: the server holds no certificate that signs with these schemes.
                if (chain != null && seen.add(keyType(chain.get(0)))) {
                    f.moreChains.add(new Findings.Chain(chain, "Bouncy Castle TLS 1.3 handshake offering only " + type
                            + " signature schemes, up to the Certificate message"));
                }
            }
        }
    }

    /** The best version below TLS 1.3 whose accepted suites were enumerated. */
    private static TlsVersion legacyVersion(Findings f) {
        for (TlsVersion v : new TlsVersion[] {TlsVersion.TLSv1_2, TlsVersion.TLSv1_1, TlsVersion.TLSv1_0}) {
            if (f.support(v) == Support.OFFERED && !f.accepted(v).isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static List<Integer> suitesOf(ProbeContext ctx, TlsVersion v, String type) {
        List<Integer> out = new ArrayList<>();
        for (Findings.Accepted a : ctx.findings.accepted(v)) {
            CipherSuite s = ctx.registry.byCode(a.suite()).orElse(null);
            if (s != null && type.equals(s.authentication())) {
                out.add(a.suite());
            }
        }
        return out;
    }

    /** ECDSA, RSA, or the key algorithm's OID for any other (or "unreadable"). */
    static String keyType(byte[] der) {
        try {
            String oid = Certificate.getInstance(der).getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
            return switch (oid) {
                case "1.2.840.10045.2.1" -> ECDSA;
                case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10" -> RSA;
                default -> oid;
            };
        } catch (RuntimeException e) {
            return "unreadable";
        }
    }
}
