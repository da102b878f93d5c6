package org.tlsverdict.collect.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.tlsverdict.facts.TriState;

/**
 * Validates a presented chain against trust anchors: the system trust store (the JDK's, which on
 * Debian is built from ca-certificates) or the certificates of {@code --ca FILE}. Validity dates
 * are judged by the policy from notBefore/notAfter, so the path is checked at a moment when every
 * presented certificate is valid (if there is one): "trusted" answers "does it chain to an anchor".
 * Revocation is not checked.
 */
final class ChainValidator {

    private final Set<TrustAnchor> anchors;

    private ChainValidator(Set<TrustAnchor> anchors) {
        this.anchors = anchors;
    }

    static ChainValidator system() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        Set<TrustAnchor> anchors = new HashSet<>();
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    anchors.add(new TrustAnchor(c, null));
                }
            }
        }
        return new ChainValidator(anchors);
    }

    /** Trust only the PEM (or DER) certificates in {@code file}. */
    static ChainValidator fromFile(Path file) throws IOException, GeneralSecurityException {
        Set<TrustAnchor> anchors = new HashSet<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.add(new TrustAnchor((X509Certificate) c, null));
            }
        }
        if (anchors.isEmpty()) {
            throw new IOException(file + ": no certificate found");
        }
        return new ChainValidator(anchors);
    }

    TriState validate(List<byte[]> chain) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : chain) {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            return TriState.UNKNOWN;
        }
        if (certs.isEmpty()) {
            return TriState.UNKNOWN;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certs.get(0));
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(certs)));
            params.setDate(checkMoment(certs));
            CertPathBuilder.getInstance("PKIX").build(params);
            return TriState.YES;
        } catch (GeneralSecurityException e) {
            return TriState.NO;
        }
    }

    /** The latest notBefore of the chain when it precedes the earliest notAfter, else now. */
    private static Date checkMoment(List<X509Certificate> certs) {
        Date latestStart = null;
        Date earliestEnd = null;
        for (X509Certificate c : certs) {
            if (latestStart == null || c.getNotBefore().after(latestStart)) {
                latestStart = c.getNotBefore();
            }
            if (earliestEnd == null || c.getNotAfter().before(earliestEnd)) {
                earliestEnd = c.getNotAfter();
            }
        }
        Date now = new Date();
        if (!now.before(latestStart) && !now.after(earliestEnd)) {
            return now;
        }
        return latestStart.before(earliestEnd) ? new Date(latestStart.getTime() + 1000) : now;
    }
}
