package org.tlsverdict.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.MailService;

/**
 * Mozilla autoconfig documents: what is read from them, and hostile ones (entities, a DTD, 10 MB, a
 * wrong content type, a server that trickles) refused with one line, quickly, by in-process servers.
 */
class AutoconfigTest {

    static final String DOC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <clientConfig version="1.1">
              <emailProvider id="example.test">
                <domain>example.test</domain>
                <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
                <incomingServer type="pop3"><hostname>pop.example.test</hostname><port>110</port><socketType>STARTTLS</socketType></incomingServer>
                <incomingServer type="imap"><hostname>old.example.test</hostname><port>143</port><socketType>plain</socketType></incomingServer>
                <incomingServer type="exchange"><hostname>ews.example.test</hostname><port>443</port><socketType>SSL</socketType></incomingServer>
                <outgoingServer type="smtp"><hostname>SMTP.example.test</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
                <outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
                <outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>99999</port><socketType>SSL</socketType></outgoingServer>
              </emailProvider>
            </clientConfig>
            """;

    @Test
    void serversInDocumentOrderWithServiceFromTypeAndSocketType() throws Exception {
        AutoconfigDocument.Parsed p = AutoconfigDocument.parse(DOC, "example.test");
        assertThat(p.servers()).containsExactly(
                new AutoconfigDocument.Server(MailService.IMAPS, "imap.example.test", 993, false, "SSL"),
                new AutoconfigDocument.Server(MailService.POP3, "pop.example.test", 110, false, "STARTTLS"),
                new AutoconfigDocument.Server(MailService.IMAP, "old.example.test", 143, true, "plain"),
                new AutoconfigDocument.Server(MailService.SUBMISSIONS, "smtp.example.test", 465, false, "SSL"),
                new AutoconfigDocument.Server(MailService.SUBMISSION, "smtp.example.test", 587, false, "STARTTLS"));
        assertThat(p.skipped()).hasSize(2);
        assertThat(p.skipped().get(0)).contains("exchange").contains("not imap or pop3");
        assertThat(p.skipped().get(1)).contains("port out of range");
    }

    @Test
    void entitiesAndDtdsAreRefusedBeforeParsing() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE clientConfig [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<clientConfig version=\"1.1\"><emailProvider id=\"x\"><incomingServer type=\"imap\"><hostname>&b;</hostname>"
                + "<port>993</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>";
        assertThatThrownBy(() -> AutoconfigDocument.parse(bomb, "x.test")).isInstanceOf(IOException.class)
                .hasMessageContaining("entity declaration is refused");
        String external = "<?xml version=\"1.0\"?><!DOCTYPE clientConfig SYSTEM \"http://127.0.0.1:1/x.dtd\"><clientConfig/>";
        assertThatThrownBy(() -> AutoconfigDocument.parse(external, "x.test")).hasMessageContaining("document type");
        assertThatThrownBy(() -> AutoconfigDocument.parse("<html><body/></html>", "x.test")).hasMessageContaining("not an autoconfig document");
        assertThatThrownBy(() -> AutoconfigDocument.parse("<clientConfig><emailProvider>", "x.test")).hasMessageContaining("does not parse");
    }

    @Test
    void wrongContentTypeIsOneLine() throws Exception {
        HttpsFetcher.Result r = serve(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                + DOC.length() + "\r\n\r\n" + DOC));
        assertThat(r.text()).isNull();
        assertThat(r.problem()).isEqualTo("content type is \"text/html\", not text/xml or application/xml");
    }

    @Test
    void tenMegabytesAreRefusedWithOrWithoutContentLength() throws Exception {
        int ten = 10 * 1024 * 1024;
        HttpsFetcher.Result declared = serve(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + ten + "\r\n\r\n"));
        assertThat(declared.problem()).isEqualTo("autoconfig document is larger than 262144 bytes (Content-Length 10485760)");
        long start = System.nanoTime();
        HttpsFetcher.Result streamed = serve(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n");
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < ten / block.length; i++) {
                out.write(block);
            }
        });
        assertThat(streamed.problem()).isEqualTo("autoconfig document is larger than 262144 bytes");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void aTricklingServerMeetsTheTimeLimit() throws Exception {
        long start = System.nanoTime();
        HttpsFetcher.Result r = serve(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                sleep(200);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.problem()).contains("response took longer than 1.0 s");
        assertThat(seconds).isLessThan(4);
    }

    @Test
    void aGoodDocumentIsFetched() throws Exception {
        HttpsFetcher.Result r = serve(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset=utf-8\r\nContent-Length: "
                + DOC.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + DOC));
        assertThat(r.problem()).isNull();
        assertThat(AutoconfigDocument.parse(r.text(), "example.test").servers()).hasSize(5);
    }

    // --- an in-process HTTPS server with a certificate from a test CA --------------------------------

    interface Responder {
        void respond(OutputStream out) throws IOException;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpsFetcher.Result serve(Responder responder) throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("autoconfig test CA");
        TestCertificates.Issued leaf = TestCertificates.leaf("autoconfig.example.test", ca, "autoconfig test CA", "autoconfig.example.test");
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate caCert = (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(ca.der()));
        X509Certificate leafCert = (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(leaf.der()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", leaf.keys().getPrivate(), "pw".toCharArray(), new java.security.cert.Certificate[] {leafCert, caCert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", caCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        X509TrustManager trust = (X509TrustManager) tmf.getTrustManagers()[0];
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(5000);
                    // Read the request head before answering.
                    int state = 0;
                    while (state < 4) {
                        int b = s.getInputStream().read();
                        if (b < 0) {
                            return;
                        }
                        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                    }
                    OutputStream out = s.getOutputStream();
                    responder.respond(out);
                    out.flush();
                } catch (IOException e) {
                    // The client hung up on a refused response: expected.
                }
            }, "https-test-server");
            t.setDaemon(true);
            t.start();
            HttpsFetcher fetcher = new HttpsFetcher(trust, 1000);
            HttpsFetcher.Result r = fetcher.fetch("autoconfig.example.test", InetAddress.getLoopbackAddress(), server.getLocalPort(),
                    ProviderDiscovery.AUTOCONFIG_PATH, ProviderDiscovery.AUTOCONFIG);
            t.join(5000);
            return r;
        }
    }

}
