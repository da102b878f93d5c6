package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The TLS 1.3 certificate chain, which travels encrypted: one real Bouncy Castle handshake that
 * stops as soon as the Certificate message has been read (nothing after it is needed).
 */
final class Tls13Chain {

    private static final class GotChain extends RuntimeException {
        GotChain() {
            super("certificate chain captured", null, false, false);
        }
    }

    private Tls13Chain() {
    }

    /** The DER chain, or null when the handshake did not get as far as the Certificate message. */
    static List<byte[]> fetch(Connection c, String sniName) {
        return fetch(c, sniName, null);
    }

    /**
     * As above, offering only {@code signatureSchemes} for the handshake signature (null: Bouncy
     * Castle's defaults), which makes a server holding several certificates present the one that
     * can sign with them; signature_algorithms_cert keeps the defaults, so any chain is acceptable.
     */
    static List<byte[]> fetch(Connection c, String sniName, List<SignatureAndHashAlgorithm> signatureSchemes) {
        List<byte[]> chain = new ArrayList<>();
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        DefaultTlsClient client = new DefaultTlsClient(crypto) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return ProtocolVersion.TLSv13.only();
            }

            @Override
            protected int[] getSupportedCipherSuites() {
                return new int[] {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_128_CCM_SHA256,
                        CipherSuite.TLS_AES_128_CCM_8_SHA256};
            }

            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            protected Vector getSupportedSignatureAlgorithms() {
                return signatureSchemes == null ? super.getSupportedSignatureAlgorithms() : new Vector(signatureSchemes);
            }

            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            protected Vector getSupportedSignatureAlgorithmsCert() {
                return signatureSchemes == null ? null : super.getSupportedSignatureAlgorithms();
            }

            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            protected Vector getSNIServerNames() {
                if (sniName == null) {
                    return null;
                }
                Vector names = new Vector();
                names.add(new ServerName(org.bouncycastle.tls.NameType.host_name, sniName.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                return names;
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new TlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                        var certs = serverCertificate.getCertificate();
                        for (int i = 0; i < certs.getLength(); i++) {
                            chain.add(certs.getCertificateAt(i).getEncoded());
                        }
                        throw new GotChain();
                    }

                    @Override
                    public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest request) {
                        return null;
                    }
                };
            }
        };
        try {
            new TlsClientProtocol(c.in(), c.out()).connect(client);
        } catch (IOException | RuntimeException e) {
            // GotChain is the normal way out; anything else leaves the chain empty.
        }
        return chain.isEmpty() ? null : chain;
    }
}
