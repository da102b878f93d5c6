package org.tlsverdict.collect.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** SSLv2 detection: a CLIENT-HELLO with every SSLv2 cipher spec, and the parser for the SERVER-HELLO answer. */
final class Ssl2Hello {

    /** The seven SSLv2 cipher kinds (RC4, RC2, IDEA, DES, 3DES; export variants). */
    static final int[] CIPHER_SPECS = {0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700C0};

    /** What came back: a SERVER-HELLO with its cipher specs, a TLS answer (not SSLv2), or nothing. */
    enum Kind { SSL2_SERVER_HELLO, TLS_ANSWER, CLOSED }

    record Answer(Kind kind, List<Integer> cipherSpecs) {
    }

    private Ssl2Hello() {
    }

    static byte[] encode() {
        byte[] challenge = new byte[16];
        new SecureRandom().nextBytes(challenge);
        ByteWriter body = new ByteWriter().u8(1).u16(0x0002).u16(CIPHER_SPECS.length * 3).u16(0).u16(challenge.length);
        for (int spec : CIPHER_SPECS) {
            body.u24(spec);
        }
        body.bytes(challenge);
        byte[] msg = body.toByteArray();
        return new ByteWriter().u16(0x8000 | msg.length).bytes(msg).toByteArray();
    }

    /** Reads the answer; anything that is neither an SSLv2 SERVER-HELLO nor a TLS record is malformed. */
    static Answer read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return new Answer(Kind.CLOSED, List.of());
        }
        if (first >= Wire.CHANGE_CIPHER_SPEC && first <= Wire.APPLICATION_DATA) {
            int major = in.read();
            if (major != 3) {
                throw new TlsFormatException("neither SSLv2 nor TLS (starts " + first + " " + major + ")");
            }
            // A whole TLS record (an alert, a ServerHello) is a TLS answer; a fragment proves nothing.
            byte[] rest = in.readNBytes(3);
            int length = rest.length == 3 ? ((rest[1] & 0xFF) << 8) | (rest[2] & 0xFF) : -1;
            if (length <= 0 || length > (1 << 14) + 2048 || in.readNBytes(length).length < length) {
                throw new TlsFormatException("incomplete TLS record in answer to SSLv2");
            }
            return new Answer(Kind.TLS_ANSWER, List.of());
        }
        if ((first & 0x80) == 0) {
            throw new TlsFormatException(String.format("neither SSLv2 nor TLS (starts %02X)", first));
        }
        int second = in.read();
        if (second < 0) {
            throw new EOFException("closed mid-record");
        }
        int length = ((first & 0x7F) << 8) | second;
        byte[] msg = in.readNBytes(length);
        if (msg.length < length) {
            throw new EOFException("closed mid-record");
        }
        ByteReader r = new ByteReader(msg, "SSLv2 SERVER-HELLO");
        int type = r.u8();
        if (type == 0) {
            // SSLv2 ERROR message: the server speaks SSLv2 but refuses.
            return new Answer(Kind.SSL2_SERVER_HELLO, List.of());
        }
        if (type != 4) {
            throw new TlsFormatException("SSLv2 message type " + type + " instead of SERVER-HELLO");
        }
        r.u8(); // session id hit
        r.u8(); // certificate type
        int version = r.u16();
        if (version != 0x0002) {
            throw new TlsFormatException(String.format("SSLv2 SERVER-HELLO with version 0x%04X", version));
        }
        int certLength = r.u16();
        int specsLength = r.u16();
        int connectionIdLength = r.u16();
        r.bytes(certLength);
        if (specsLength % 3 != 0) {
            throw new TlsFormatException("SSLv2 cipher specs of " + specsLength + " bytes");
        }
        List<Integer> specs = new ArrayList<>();
        for (int i = 0; i < specsLength / 3; i++) {
            specs.add(r.u24());
        }
        r.bytes(connectionIdLength);
        return new Answer(Kind.SSL2_SERVER_HELLO, specs);
    }
}
