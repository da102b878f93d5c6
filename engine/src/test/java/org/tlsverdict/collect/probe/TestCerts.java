package org.tlsverdict.collect.probe;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made on the fly with Bouncy Castle for certificate-fact tests. */
final class TestCerts {

    record Issued(KeyPair keys, X509CertificateHolder cert) {
        byte[] der() throws java.io.IOException {
            return cert.getEncoded();
        }
    }

    private TestCerts() {
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static Issued ca(String cn) throws Exception {
        KeyPair k = rsa(2048);
        X500Name name = new X500Name("CN=" + cn);
        JcaX509v3CertificateBuilder b = builder(name, name, k, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86400 * 365));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        return new Issued(k, b.build(new JcaContentSignerBuilder("SHA256withRSA").build(k.getPrivate())));
    }

    static Issued leaf(String cn, Issued issuer, KeyPair k, String signature, Instant notAfter, GeneralName... sans) throws Exception {
        X500Name name = new X500Name("CN=" + cn);
        X500Name issuerName = issuer == null ? name : issuer.cert().getSubject();
        PrivateKey signer = issuer == null ? k.getPrivate() : issuer.keys().getPrivate();
        JcaX509v3CertificateBuilder b = builder(issuerName, name, k, Instant.now().minusSeconds(3600), notAfter);
        if (sans.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        return new Issued(k, b.build(new JcaContentSignerBuilder(signature).build(signer)));
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair k, Instant from, Instant to) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to),
                subject, k.getPublic());
    }
}
