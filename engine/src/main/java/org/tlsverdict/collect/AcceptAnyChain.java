package org.tlsverdict.collect;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager for handshakes that record or test something other than trust (the chain an MX
 * presents for DANE, client renegotiation): any chain is accepted, even untrusted or expired,
 * because trust is judged separately from the presented bytes.
 */
public final class AcceptAnyChain implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Never a server here.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // Accepted on purpose; see the class comment.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
