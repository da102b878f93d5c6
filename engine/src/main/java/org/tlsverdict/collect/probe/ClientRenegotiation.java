package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.tlsverdict.collect.AcceptAnyChain;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.VulnStatus;

/**
 * Client-initiated renegotiation (testssl.sh's secure_client_renego, a denial-of-service lever):
 * one full TLS 1.2 handshake with the JDK's own TLS stack (Bouncy Castle cannot renegotiate), then
 * a second handshake asked for on the same connection. Completing it means the server allows
 * client-initiated renegotiation; an alert or a close means it refuses. Only tried where the server
 * speaks TLS 1.2 with RFC 5746 secure renegotiation, since the JDK will not renegotiate insecurely.
 */
final class ClientRenegotiation {

    private ClientRenegotiation() {
    }

    static void probe(ProbeContext ctx, Connector connector) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        if (f.support(TlsVersion.TLSv1_2) != Support.OFFERED) {
            boolean tls13Only = f.support(TlsVersion.TLSv1_3) == Support.OFFERED && f.support(TlsVersion.TLSv1_1) == Support.NOT_OFFERED
                    && f.support(TlsVersion.TLSv1_0) == Support.NOT_OFFERED && f.support(TlsVersion.SSLv3) == Support.NOT_OFFERED
                    && f.support(TlsVersion.TLSv1_2) == Support.NOT_OFFERED;
            if (tls13Only) {
                f.tested("SECURE_CLIENT_RENEGO", VulnStatus.NOT_VULNERABLE, "TLS 1.3 only: no renegotiation", "TLS 1.3 has no renegotiation");
            } else {
                f.problem("client-initiated renegotiation not tested: only tried over TLS 1.2");
            }
            return;
        }
        Findings.Noted<TriState> secure = f.features.get("secureRenegotiation");
        if (secure == null || secure.value() != TriState.YES) {
            f.problem("client-initiated renegotiation not tested: the server has no RFC 5746 secure renegotiation");
            return;
        }
        Connection c = connector.openOrNote(f, "client-initiated renegotiation not tested");
        if (c == null) {
            return;
        }
        String how = "JDK TLS 1.2 handshake, then a client-initiated one -> ";
        try (c) {
            SSLContext context = SSLContext.getInstance("TLSv1.2", "SunJSSE");
            context.init(null, new TrustManager[] {new AcceptAnyChain()}, null);
            String host = ctx.serverName != null ? ctx.serverName : c.socket().getInetAddress().getHostAddress();
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(c.socket(), host, c.socket().getPort(), true)) {
                tls.setEnabledProtocols(new String[] {"TLSv1.2"});
                tls.setSoTimeout(Math.max(1, (int) Math.min(Integer.MAX_VALUE, connector.limits().connectionTimeoutMillis())));
                try {
                    tls.startHandshake();
                } catch (SSLException e) {
                    f.problem("client-initiated renegotiation not tested: the JDK's first handshake failed: " + oneLine(e));
                    return;
                }
                CountDownLatch second = new CountDownLatch(1);
                // The JDK reports a completed handshake on a thread of its own: closing the socket there ends
                // the read below at once instead of waiting for data the server will never send.
                tls.addHandshakeCompletedListener(e -> {
                    second.countDown();
                    closeQuietly(c);
                });
                tls.startHandshake();
                // The second handshake runs while reading; a greeting the server sends (IMAPS, POP3S) is skipped.
                try {
                    byte[] skip = new byte[4096];
                    while (second.getCount() > 0) {
                        if (tls.getInputStream().read(skip) < 0) {
                            f.tested("SECURE_CLIENT_RENEGO", VulnStatus.NOT_VULNERABLE, "renegotiation refused", how + "closed");
                            return;
                        }
                    }
                } catch (SocketTimeoutException e) {
                    // Nothing came back in time: undetermined below.
                } catch (IOException e) {
                    if (second.getCount() > 0) {
                        throw e;
                    }
                }
                if (second.await(0, TimeUnit.MILLISECONDS)) {
                    f.tested("SECURE_CLIENT_RENEGO", VulnStatus.VULNERABLE, "client-initiated renegotiation accepted",
                            how + "second handshake completed");
                } else {
                    f.problem("client-initiated renegotiation not determined: no answer to the second hello in time");
                }
            }
        } catch (SSLException e) {
            f.tested("SECURE_CLIENT_RENEGO", VulnStatus.NOT_VULNERABLE, "renegotiation refused", how + oneLine(e));
        } catch (IOException | GeneralSecurityException e) {
            f.problem("client-initiated renegotiation not determined: " + oneLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.socket().close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }

    private static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
    }
}
