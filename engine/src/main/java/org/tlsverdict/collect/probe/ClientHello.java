package org.tlsverdict.collect.probe;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * A hand-built ClientHello: any list of suite code points, SSLv3 to TLS 1.3 framing. TLS 1.3 is
 * offered through supported_versions with an empty key_share, so a TLS 1.3 server answers with a
 * HelloRetryRequest that names its suite and group without any key being computed.
 *
 * @param maxVersion       highest version offered (wire value: 0x0300 SSLv3 ... 0x0304 TLS 1.3)
 * @param minVersion       lowest version listed in supported_versions when maxVersion is TLS 1.3
 * @param suites           cipher suites in the order offered
 * @param groups           supported_groups (empty: extension left out)
 * @param serverName       SNI host name, or null for an address
 * @param offerCompression also offer DEFLATE, to see whether the server compresses (CRIME)
 * @param fallbackScsv     append TLS_FALLBACK_SCSV (RFC 7507)
 */
record ClientHello(int maxVersion, int minVersion, List<Integer> suites, List<Integer> groups, String serverName,
                   boolean offerCompression, boolean fallbackScsv) {

    private static final SecureRandom RANDOM = new SecureRandom();

    ClientHello {
        suites = List.copyOf(suites);
        groups = List.copyOf(groups);
    }

    boolean tls13() {
        return maxVersion >= 0x0304;
    }

    /** The complete record(s) to send. */
    byte[] encode() {
        return encode(false);
    }

    /** As {@link #encode()}, offering the heartbeat extension (RFC 6520) too when {@code heartbeat}. */
    byte[] encode(boolean heartbeat) {
        byte[] body = handshakeBody(heartbeat);
        ByteWriter hs = new ByteWriter().u8(Wire.CLIENT_HELLO).u24(body.length).bytes(body);
        byte[] msg = hs.toByteArray();
        // One record holds at most 2^14 bytes; a hello with every suite is far below that.
        int recordVersion = maxVersion == 0x0300 ? 0x0300 : 0x0301;
        return new ByteWriter().u8(Wire.HANDSHAKE).u16(recordVersion).u16(msg.length).bytes(msg).toByteArray();
    }

    private byte[] handshakeBody(boolean heartbeat) {
        ByteWriter w = new ByteWriter();
        w.u16(Math.min(maxVersion, 0x0303));
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        w.bytes(random);
        // A 32-byte session id: TLS 1.3 middlebox compatibility mode, harmless below.
        byte[] sessionId = new byte[32];
        RANDOM.nextBytes(sessionId);
        w.vector(1, v -> v.bytes(sessionId));
        boolean extensions = maxVersion > 0x0300;
        w.vector(2, v -> {
            suites.forEach(v::u16);
            if (!extensions) {
                v.u16(Wire.EMPTY_RENEGOTIATION_INFO_SCSV);
            }
            if (fallbackScsv) {
                v.u16(Wire.FALLBACK_SCSV);
            }
        });
        w.vector(1, v -> {
            if (offerCompression && !tls13()) {
                v.u8(Wire.COMPRESSION_DEFLATE);
            }
            v.u8(Wire.COMPRESSION_NULL);
        });
        if (extensions) {
            byte[] ext = extensions(-1, heartbeat);
            // Hellos of 256-511 bytes hang some F5 devices; pad those to 512 (RFC 7685).
            int message = 4 + w.length() + 2 + ext.length;
            if (message >= 256 && message < 512) {
                ext = extensions(Math.max(0, 512 - message - 4), heartbeat);
            }
            byte[] all = ext;
            w.vector(2, v -> v.bytes(all));
        }
        return w.toByteArray();
    }

    /** The extensions block; {@code padding} &lt; 0 leaves the padding extension out. */
    private byte[] extensions(int padding, boolean heartbeat) {
        ByteWriter w = new ByteWriter();
        if (serverName != null) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            ext(w, Wire.EXT_SERVER_NAME, e -> e.vector(2, list -> list.u8(0).vector(2, n -> n.bytes(name))));
        }
        if (!groups.isEmpty()) {
            ext(w, Wire.EXT_SUPPORTED_GROUPS, e -> e.vector(2, list -> groups.forEach(list::u16)));
            ext(w, Wire.EXT_EC_POINT_FORMATS, e -> e.vector(1, list -> list.u8(0)));
        }
        ext(w, Wire.EXT_SIGNATURE_ALGORITHMS, e -> e.vector(2, list -> Candidates.SIGNATURE_SCHEMES.forEach(list::u16)));
        if (!tls13() || minVersion < 0x0304) {
            ext(w, Wire.EXT_RENEGOTIATION_INFO, e -> e.vector(1, v -> { }));
            ext(w, Wire.EXT_EXTENDED_MASTER_SECRET, e -> { });
        }
        ext(w, Wire.EXT_SESSION_TICKET, e -> { });
        if (heartbeat) {
            // mode 1: peer_allowed_to_send
            ext(w, Wire.EXT_HEARTBEAT, e -> e.u8(1));
        }
        if (tls13()) {
            ext(w, Wire.EXT_SUPPORTED_VERSIONS, e -> e.vector(1, list -> {
                for (int v = maxVersion; v >= minVersion; v--) {
                    list.u16(v);
                }
            }));
            ext(w, Wire.EXT_PSK_KEY_EXCHANGE_MODES, e -> e.vector(1, list -> list.u8(1)));
            ext(w, Wire.EXT_KEY_SHARE, e -> e.vector(2, list -> { }));
        }
        if (padding >= 0) {
            ext(w, Wire.EXT_PADDING, e -> e.bytes(new byte[padding]));
        }
        return w.toByteArray();
    }

    private static void ext(ByteWriter w, int type, java.util.function.Consumer<ByteWriter> body) {
        w.u16(type).vector(2, body);
    }
}
