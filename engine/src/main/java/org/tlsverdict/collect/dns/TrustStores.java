package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** PKIX trust for the MTA-STS policy host and for judging MX chains: the system's roots, or a CA file. */
public final class TrustStores {

    private TrustStores() {
    }

    /** {@code caFile} null: the JDK's default trust store; else the PEM or DER certificates in the file. */
    public static X509TrustManager trustManager(Path caFile) throws IOException {
        try {
            KeyStore ks = null;
            if (caFile != null) {
                ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                Collection<? extends Certificate> certs;
                try (InputStream in = Files.newInputStream(caFile)) {
                    certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                } catch (GeneralSecurityException e) {
                    throw new IOException(caFile + ": not a PEM or DER certificate file: " + e.getMessage(), e);
                }
                if (certs.isEmpty()) {
                    throw new IOException(caFile + ": no certificate in the CA file");
                }
                int i = 0;
                for (Certificate c : certs) {
                    ks.setCertificateEntry("ca-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IOException("no X.509 trust manager available");
        } catch (GeneralSecurityException e) {
            throw new IOException((caFile == null ? "system trust store" : caFile.toString()) + ": " + e.getMessage(), e);
        }
    }
}
