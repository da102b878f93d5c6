package org.tlsverdict.collect.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;

/**
 * One connection, one ClientHello: sends it and reads only as far as needed (ServerHello; then
 * Certificate and ServerKeyExchange when asked for or when the suite has one). Every answer is
 * checked against the offer: a version or suite that was not offered makes the reply MALFORMED,
 * never a fact.
 */
final class HelloExchange {

    private final Connector connector;
    private final CipherRegistry registry;

    HelloExchange(Connector connector, CipherRegistry registry) {
        this.connector = connector;
        this.registry = registry;
    }

    Reply send(ClientHello offer, boolean wantCertificate) throws ProbeStop, StarttlsDialogue.NotOffered {
        Connection c;
        try {
            c = connector.open();
        } catch (StarttlsDialogue.NotOffered | ProbeStop e) {
            throw e;
        } catch (SocketTimeoutException e) {
            return Reply.of(Reply.Kind.TIMEOUT, offer, "before the handshake: " + e.getMessage());
        } catch (IOException e) {
            return Reply.of(Reply.Kind.MALFORMED, offer, "before the handshake: " + e.getMessage());
        }
        try (c) {
            c.out().write(offer.encode());
            c.out().flush();
            return read(new RecordReader(c.in(), connector.limits().maxHandshakeBytes()), offer, wantCertificate);
        } catch (SocketTimeoutException e) {
            return Reply.of(Reply.Kind.TIMEOUT, offer, "no complete ServerHello in time");
        } catch (EOFException | SocketException e) {
            return closedOrTruncated(offer, e);
        } catch (TlsFormatException e) {
            return Reply.of(Reply.Kind.MALFORMED, offer, e.getMessage());
        } catch (IOException e) {
            return Reply.of(Reply.Kind.MALFORMED, offer, e.getMessage());
        }
    }

    private static Reply closedOrTruncated(ClientHello offer, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof EOFException && m.startsWith("closed without answer")) {
            return Reply.of(Reply.Kind.CLOSED, offer, m);
        }
        if (e instanceof SocketException && !m.contains("mid-record")) {
            // A reset straight after the hello, before any byte, is a refusal like a close.
            return Reply.of(Reply.Kind.CLOSED, offer, "reset: " + m);
        }
        return Reply.of(Reply.Kind.MALFORMED, offer, m);
    }

    private Reply read(RecordReader reader, ClientHello offer, boolean wantCertificate) throws IOException {
        RecordReader.Message m;
        try {
            m = reader.next();
            while (m.isAlert() && m.alertLevel() == 1 && m.alertDescription() != 0) {
                m = reader.next();
            }
        } catch (SocketException e) {
            if (reader.bytesRead() == 0) {
                return Reply.of(Reply.Kind.CLOSED, offer, "reset: " + e.getMessage());
            }
            return Reply.of(Reply.Kind.MALFORMED, offer, "reset mid-message");
        }
        if (m.isAlert()) {
            return new Reply(Reply.Kind.REJECTED, offer, null, -1, null, null, m.alertDescription(), Wire.alertName(m.alertDescription()));
        }
        if (m.contentType() != Wire.HANDSHAKE || m.type() != Wire.SERVER_HELLO) {
            return Reply.of(Reply.Kind.MALFORMED, offer, "expected ServerHello, got message type " + m.type());
        }
        ServerHello hello = ServerHello.parse(m.body());
        int version = hello.version();
        String problem = check(offer, hello, version);
        if (problem != null) {
            return Reply.of(Reply.Kind.MALFORMED, offer, problem);
        }
        if (version >= 0x0304) {
            return new Reply(Reply.Kind.ACCEPTED, offer, hello, version, null, null, -1, null);
        }
        CipherSuite suite = registry.byCode(hello.cipherSuite()).orElse(null);
        String kex = suite == null ? "" : suite.keyExchange();
        String auth = suite == null ? "" : suite.authentication();
        boolean needCertificate = wantCertificate && !auth.equals("ANON") && !auth.equals("PSK") && !auth.equals("SRP");
        boolean dh = kex.equals("DHE") || kex.equals("DHE_PSK");
        boolean ec = kex.equals("ECDHE") || kex.equals("ECDHE_PSK");
        boolean needKeyExchange = dh || ec;
        List<byte[]> certificates = null;
        KeyExchange keyExchange = null;
        String detail = null;
        try {
            while (needCertificate || needKeyExchange) {
                RecordReader.Message next = reader.next();
                if (next.isAlert()) {
                    detail = "alert " + Wire.alertName(next.alertDescription()) + " after ServerHello";
                    break;
                }
                if (next.type() == Wire.CERTIFICATE) {
                    certificates = CertificateMessage.parse(next.body());
                    needCertificate = false;
                } else if (next.type() == Wire.SERVER_KEY_EXCHANGE && needKeyExchange) {
                    keyExchange = dh ? KeyExchange.parseDh(next.body(), kex.equals("DHE_PSK"))
                            : KeyExchange.parseEc(next.body(), kex.equals("ECDHE_PSK"));
                    needKeyExchange = false;
                } else if (next.type() == Wire.SERVER_HELLO_DONE) {
                    if (needKeyExchange) {
                        detail = "no ServerKeyExchange for an ephemeral suite";
                    }
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            detail = "timed out after ServerHello";
        } catch (IOException e) {
            // The ServerHello stands; what follows it stays unknown.
            detail = "after ServerHello: " + e.getMessage();
        }
        if (keyExchange != null && keyExchange.group() >= 0 && !offer.groups().contains(keyExchange.group())) {
            keyExchange = null;
            detail = "ServerKeyExchange names a group that was not offered";
        }
        return new Reply(Reply.Kind.ACCEPTED, offer, hello, version, certificates, keyExchange, -1, detail);
    }

    /** Why a ServerHello cannot be an honest answer to the offer, or null. */
    static String check(ClientHello offer, ServerHello hello, int version) throws TlsFormatException {
        int min = offer.tls13() ? offer.minVersion() : 0x0300;
        int max = offer.maxVersion();
        if (version < min || version > max) {
            return "version " + Wire.versionName(version) + " was not offered";
        }
        if (!offer.suites().contains(hello.cipherSuite())) {
            return "suite " + Wire.suiteHex(hello.cipherSuite()) + " was not offered";
        }
        boolean tls13Suite = Candidates.TLS13_SUITES.contains(hello.cipherSuite());
        if ((version >= 0x0304) != tls13Suite) {
            return "suite " + Wire.suiteHex(hello.cipherSuite()) + " does not belong to " + Wire.versionName(version);
        }
        if (hello.compression() != Wire.COMPRESSION_NULL
                && (hello.compression() != Wire.COMPRESSION_DEFLATE || !offer.offerCompression() || version >= 0x0304)) {
            return "compression method " + hello.compression() + " was not offered";
        }
        if (version >= 0x0304) {
            if (!hello.isHelloRetryRequest()) {
                // No key share was sent, so an honest TLS 1.3 server can only ask for one.
                return "TLS 1.3 ServerHello without any key share offered";
            }
            int group = hello.keyShareGroup();
            if (group < 0 || !offer.groups().contains(group)) {
                return "HelloRetryRequest asks for group " + (group < 0 ? "none" : Wire.groupName(group)) + ", not offered";
            }
        } else if (hello.isHelloRetryRequest()) {
            return "HelloRetryRequest below TLS 1.3";
        }
        return null;
    }
}
