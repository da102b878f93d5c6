package org.tlsverdict.collect.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process TLS servers on 127.0.0.1 that misbehave in one way each, for the hostile-server
 * harness: they stall, send garbage, reset mid-handshake, send a huge chain, lie in the
 * ServerHello; or behave (a tiny TLS 1.2 server with two suites) behind an SMTP front that can
 * answer 421 or stop accepting. Public so command-level tests can use it too.
 */
public final class HostileServer implements AutoCloseable {

    /** What the server does with one connection after reading the client's first flight. */
    public enum Behaviour { STALL, GARBAGE, RESET_MID_HANDSHAKE, HUGE_CHAIN, LYING_SERVER_HELLO, HONEST_TLS12 }

    /** The honest server's suites, in its order of preference. */
    public static final int[] HONEST_SUITES = {0xC02F, 0x002F};

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean smtp;
    private volatile int throttleFrom = -1;
    private volatile int throttleCount;
    private volatile int acceptLimit = Integer.MAX_VALUE;
    private volatile String dialect = "smtp";
    private volatile int[] versions = {0x0303};
    private volatile int[] suites = HONEST_SUITES;
    private volatile boolean heartbleed;
    private volatile boolean ccsInjection;
    private volatile boolean robotOracle;
    private final java.security.KeyPair serverKey;
    private final byte[] certificate;
    private final Thread acceptor;

    public HostileServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try {
            this.serverKey = TestCerts.rsa(2048);
            this.certificate = TestCerts.leaf("localhost", null, serverKey, "SHA256withRSA",
                    java.time.Instant.now().plusSeconds(86400),
                    new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.iPAddress, "127.0.0.1")).der();
        } catch (Exception e) {
            throw new IOException(e);
        }
        this.acceptor = new Thread(this::acceptLoop, "hostile-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Speak SMTP first (greeting, EHLO, STARTTLS); connections number {@code from} .. from+count-1 (1-based) get 421. */
    public HostileServer smtp(int throttleFromConnection, int throttledConnections) {
        this.smtp = true;
        this.throttleFrom = throttleFromConnection;
        this.throttleCount = throttledConnections;
        return this;
    }

    /** Speak IMAP or POP3 first instead of SMTP. */
    public HostileServer dialect(String imapOrPop3) {
        this.smtp = true;
        this.dialect = imapOrPop3;
        return this;
    }

    /**
     * Make the honest server an unpatched one: it answers heartbeats with memory it was not sent
     * (Heartbleed) and/or takes an early ChangeCipherSpec (CCS injection). By default it behaves like
     * a patched OpenSSL: no heartbeat extension, unexpected_message on an early ChangeCipherSpec.
     */
    public HostileServer unpatched(boolean heartbleed, boolean ccsInjection) {
        this.heartbleed = heartbleed;
        this.ccsInjection = ccsInjection;
        return this;
    }

    /** Make the honest server a Bleichenbacher oracle: a ClientKeyExchange whose padding starts 00 02 gets another alert. */
    public HostileServer robotOracle() {
        this.robotOracle = true;
        return this;
    }

    /** The honest server's versions (wire values) and suites in its order of preference. */
    public HostileServer offering(int[] versions, int... suites) {
        this.versions = versions.clone();
        this.suites = suites.clone();
        return this;
    }

    /** After {@code n} connections the listening socket closes: further connections are refused. */
    public HostileServer acceptOnly(int n) {
        this.acceptLimit = n;
        return this;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = socket.accept();
                int n = connections.incrementAndGet();
                synchronized (open) {
                    open.add(s);
                }
                Thread t = new Thread(() -> serve(s, n), "hostile-conn-" + n);
                t.setDaemon(true);
                t.start();
                if (n >= acceptLimit) {
                    socket.close();
                    return;
                }
            }
        } catch (IOException closed) {
            // Closed by close() or by acceptOnly.
        }
    }

    private void serve(Socket s, int n) {
        try (s) {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (smtp && !(dialect.equals("smtp") ? smtpDialogue(in, out, n) : mailboxDialogue(in, out))) {
                return;
            }
            byte[] hello = readClientHello(in);
            switch (behaviour) {
                case STALL -> Thread.sleep(60_000);
                case GARBAGE -> {
                    byte[] junk = new byte[300];
                    new Random(n).nextBytes(junk);
                    junk[0] = 0x17;
                    junk[1] = 0x7F;
                    out.write(junk);
                    out.flush();
                    Thread.sleep(60_000);
                }
                case RESET_MID_HANDSHAKE -> {
                    byte[] sh = serverHello(0x0303, 0xC02F);
                    out.write(sh, 0, 12);
                    out.flush();
                    s.setSoLinger(true, 0);
                }
                case LYING_SERVER_HELLO -> {
                    out.write(serverHello(0x0303, 0xC030));
                    out.flush();
                    Thread.sleep(60_000);
                }
                case HUGE_CHAIN, HONEST_TLS12 -> {
                    if (honest(hello, out, behaviour == Behaviour.HUGE_CHAIN)) {
                        afterFlight(in, out);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // The prober hung up: expected for every behaviour.
        }
    }

    private boolean smtpDialogue(InputStream in, OutputStream out, int n) throws IOException {
        if (throttleFrom > 0 && n >= throttleFrom && n < throttleFrom + throttleCount) {
            out.write("421 4.7.0 mx.test Error: too many connections from 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return false;
        }
        out.write("220 mx.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String ehlo = StarttlsDialogue.line(in);
        if (!ehlo.startsWith("EHLO ")) {
            return false;
        }
        out.write("250-mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (!StarttlsDialogue.line(in).equals("STARTTLS")) {
            return false;
        }
        out.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    private boolean mailboxDialogue(InputStream in, OutputStream out) throws IOException {
        boolean imap = dialect.equals("imap");
        out.write((imap ? "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n" : "+OK POP3 ready\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String cmd = StarttlsDialogue.line(in);
        if (imap ? !cmd.endsWith(" STARTTLS") : !cmd.equals("STLS")) {
            return false;
        }
        String tag = imap ? cmd.substring(0, cmd.indexOf(' ')) : "";
        out.write((imap ? tag + " OK Begin TLS negotiation now\r\n" : "+OK Begin TLS\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    /**
     * What the client sends after the server's first flight: heartbeats are answered only when
     * unpatched; an early ChangeCipherSpec gets unexpected_message, or, when unpatched, is taken, and
     * the next record fails with bad_record_mac. Anything else ends the connection.
     */
    private void afterFlight(InputStream raw, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        boolean changed = false;
        while (true) {
            int type = in.readUnsignedByte();
            in.readUnsignedShort();
            byte[] body = new byte[in.readUnsignedShort()];
            in.readFully(body);
            if (type == Wire.HEARTBEAT) {
                if (heartbleed) {
                    // What a vulnerable OpenSSL did: echo as many bytes as the request claimed.
                    int claimed = ((body[1] & 0xFF) << 8) | (body[2] & 0xFF);
                    out.write(record(Wire.HEARTBEAT, new byte[Math.min(3 + claimed + 16, 16384)]));
                    out.flush();
                }
                continue;
            }
            if (type == Wire.CHANGE_CIPHER_SPEC && !changed) {
                if (!ccsInjection) {
                    out.write(record(Wire.ALERT, new byte[] {2, (byte) Wire.ALERT_UNEXPECTED_MESSAGE}));
                    out.flush();
                    return;
                }
                changed = true;
                continue;
            }
            if (type == Wire.HANDSHAKE && body.length > 6 && body[0] == Wire.CLIENT_KEY_EXCHANGE) {
                // Decrypted as a server must; only the oracle lets the result show.
                java.security.interfaces.RSAPrivateKey key = (java.security.interfaces.RSAPrivateKey) serverKey.getPrivate();
                byte[] block = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(body, 6, body.length))
                        .modPow(key.getPrivateExponent(), key.getModulus()).toByteArray();
                boolean wellFormed = block.length == 255 && block[0] == 2;
                int alert = robotOracle && !wellFormed ? Wire.ALERT_HANDSHAKE_FAILURE : Wire.ALERT_BAD_RECORD_MAC;
                // The ChangeCipherSpec and Finished follow; the verdict comes after them, as with a real server.
                in.readFully(new byte[6]);
                in.readUnsignedByte();
                in.readUnsignedShort();
                in.readFully(new byte[in.readUnsignedShort()]);
                out.write(record(Wire.ALERT, new byte[] {2, (byte) alert}));
                out.flush();
                return;
            }
            if (changed) {
                out.write(record(Wire.ALERT, new byte[] {2, (byte) Wire.ALERT_BAD_RECORD_MAC}));
                out.flush();
            }
            return;
        }
    }

    /** A server with the configured versions and suites, server order; refuses the rest and SSLv2. True when the flight was sent. */
    private boolean honest(byte[] hello, OutputStream out, boolean hugeChain) throws IOException {
        ParsedHello h = ParsedHello.parse(hello);
        if (h == null) {
            out.write(new byte[] {0x15, 3, 1, 0, 2, 2, 40});
            return false;
        }
        int version = -1;
        for (int v : versions) {
            if (v <= h.version && v > version) {
                version = v;
            }
        }
        if (version < 0) {
            out.write(new byte[] {0x15, 3, 3, 0, 2, 2, (byte) Wire.ALERT_PROTOCOL_VERSION});
            return false;
        }
        if (h.suites.contains(Wire.FALLBACK_SCSV)) {
            // Only TLS 1.2 is offered, so a TLS 1.2 hello is never a fallback.
            h.suites.remove(Integer.valueOf(Wire.FALLBACK_SCSV));
        }
        int chosen = -1;
        for (int s : suites) {
            if (h.suites.contains(s)) {
                chosen = s;
                break;
            }
        }
        if (chosen < 0) {
            out.write(new byte[] {0x15, 3, 3, 0, 2, 2, (byte) Wire.ALERT_HANDSHAKE_FAILURE});
            return false;
        }
        out.write(serverHello(version, chosen, heartbleed && h.extensions.contains(Wire.EXT_HEARTBEAT)));
        if (hugeChain) {
            // A Certificate message announcing 8 MB, then an endless stream of it.
            byte[] first = new ByteWriter().u8(Wire.CERTIFICATE).u24(8 << 20).u24((8 << 20) - 3).toByteArray();
            out.write(record(Wire.HANDSHAKE, first));
            byte[] chunk = new byte[16000];
            for (int i = 0; i < 600; i++) {
                out.write(record(Wire.HANDSHAKE, chunk));
            }
            return false;
        }
        byte[] cert = new ByteWriter().vector(3, l -> l.vector(3, c -> c.bytes(certificate))).toByteArray();
        ByteWriter flight = new ByteWriter().u8(Wire.CERTIFICATE).u24(cert.length).bytes(cert);
        if (chosen == 0xC02F || chosen == 0xC013) {
            byte[] ske = new ByteWriter().u8(3).u16(29).vector(1, k -> k.bytes(new byte[32])).u16(0x0401)
                    .vector(2, sig -> sig.bytes(new byte[256])).toByteArray();
            flight.u8(Wire.SERVER_KEY_EXCHANGE).u24(ske.length).bytes(ske);
        }
        flight.u8(Wire.SERVER_HELLO_DONE).u24(0);
        out.write(record(Wire.HANDSHAKE, flight.toByteArray()));
        out.flush();
        return true;
    }

    static byte[] serverHello(int version, int suite) {
        return serverHello(version, suite, false);
    }

    static byte[] serverHello(int version, int suite, boolean heartbeat) {
        ByteWriter body = new ByteWriter().u16(version).bytes(new byte[32]).vector(1, v -> { }).u16(suite).u8(0)
                .vector(2, ext -> {
                    ext.u16(Wire.EXT_RENEGOTIATION_INFO).vector(2, e -> e.u8(0));
                    if (heartbeat) {
                        ext.u16(Wire.EXT_HEARTBEAT).vector(2, e -> e.u8(1));
                    }
                });
        byte[] b = body.toByteArray();
        return record(Wire.HANDSHAKE, new ByteWriter().u8(Wire.SERVER_HELLO).u24(b.length).bytes(b).toByteArray());
    }

    static byte[] record(int type, byte[] body) {
        return new ByteWriter().u8(type).u16(0x0303).u16(body.length).bytes(body).toByteArray();
    }

    /** The first flight: a TLS record (header and body) or an SSLv2 record. */
    private static byte[] readClientHello(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int first = in.readUnsignedByte();
        if ((first & 0x80) != 0) {
            byte[] rest = new byte[((first & 0x7F) << 8) | in.readUnsignedByte()];
            in.readFully(rest);
            return new byte[] {(byte) first};
        }
        byte[] header = new byte[4];
        in.readFully(header);
        byte[] body = new byte[((header[2] & 0xFF) << 8) | (header[3] & 0xFF)];
        in.readFully(body);
        return new ByteWriter().u8(first).bytes(header).bytes(body).toByteArray();
    }

    private record ParsedHello(int version, List<Integer> suites, List<Integer> extensions) {
        static ParsedHello parse(byte[] record) {
            if (record.length < 5 || record[0] != Wire.HANDSHAKE) {
                return null;
            }
            try {
                ByteReader r = new ByteReader(record, "hello");
                r.bytes(5 + 4);
                int version = r.u16();
                r.bytes(32);
                r.bytes(r.u8());
                ByteReader s = r.sub(r.u16(), "suites");
                List<Integer> suites = new ArrayList<>();
                while (s.hasMore()) {
                    suites.add(s.u16());
                }
                List<Integer> extensions = new ArrayList<>();
                r.bytes(r.u8());
                if (r.hasMore()) {
                    ByteReader e = r.sub(r.u16(), "extensions");
                    while (e.hasMore()) {
                        extensions.add(e.u16());
                        e.bytes(e.u16());
                    }
                }
                return new ParsedHello(version, suites, extensions);
            } catch (TlsFormatException e) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Already gone.
                }
            }
        }
    }
}
