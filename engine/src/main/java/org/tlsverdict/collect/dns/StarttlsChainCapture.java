package org.tlsverdict.collect.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.tlsverdict.collect.AcceptAnyChain;

/**
 * Captures the chain an MX presents after SMTP STARTTLS (RFC 3207), with JSSE and a trust manager
 * that accepts everything: this only records what was presented; DANE and PKIX judge it later.
 */
public final class StarttlsChainCapture implements MxCertificateSource {

    private static final int MAX_REPLY_LINES = 100;
    private final int timeoutMillis;

    public StarttlsChainCapture(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public List<byte[]> presentedChain(String host, InetAddress address, int port) throws IOException {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), timeoutMillis);
            raw.setSoTimeout(timeoutMillis);
            BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = raw.getOutputStream();
            expect(reply(in), "220", "greeting");
            send(out, "EHLO tlsverdict.invalid");
            List<String> ehlo = reply(in);
            expect(ehlo, "250", "EHLO");
            if (ehlo.stream().noneMatch(l -> l.length() > 4 && l.substring(4).trim().toUpperCase(Locale.ROOT).equals("STARTTLS"))) {
                throw new IOException(host + ":" + port + " does not offer STARTTLS");
            }
            send(out, "STARTTLS");
            expect(reply(in), "220", "STARTTLS");
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAnyChain()}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true)) {
                SSLParameters p = tls.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(host)));
                tls.setSSLParameters(p);
                tls.startHandshake();
                List<byte[]> chain = new ArrayList<>();
                for (Certificate c : tls.getSession().getPeerCertificates()) {
                    chain.add(c.getEncoded());
                }
                try {
                    send(tls.getOutputStream(), "QUIT");
                } catch (IOException e) {
                    // The chain is what was asked for; a server hanging up early does not change it.
                }
                return chain;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS with " + host + ":" + port + " failed: " + PolicyFetcher.rootMessage(e), e);
        } catch (IOException e) {
            String m = PolicyFetcher.rootMessage(e);
            throw new IOException(m.startsWith(host) ? m : host + ":" + port + ": " + m, e);
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static List<String> reply(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-' || lines.size() > MAX_REPLY_LINES) {
                return lines;
            }
        }
        throw new IOException("connection closed by the server");
    }

    private static void expect(List<String> reply, String code, String step) throws IOException {
        if (reply.isEmpty() || !reply.get(0).startsWith(code)) {
            throw new IOException(step + " answered \"" + TxtFields.printable(reply.isEmpty() ? "" : reply.get(reply.size() - 1)) + "\"");
        }
    }
}
