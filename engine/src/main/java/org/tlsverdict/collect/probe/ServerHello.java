package org.tlsverdict.collect.probe;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed ServerHello or HelloRetryRequest (RFC 8446 4.1.3: same message, special random).
 *
 * @param legacyVersion the version field; the negotiated one is {@link #version()}
 * @param extensions    extension type to raw data, in the order received
 */
record ServerHello(int legacyVersion, byte[] random, int cipherSuite, int compression, Map<Integer, byte[]> extensions) {

    static ServerHello parse(byte[] body) throws TlsFormatException {
        ByteReader r = new ByteReader(body, "ServerHello");
        int version = r.u16();
        byte[] random = r.bytes(32);
        int sessionIdLength = r.u8();
        if (sessionIdLength > 32) {
            throw new TlsFormatException("ServerHello: session id of " + sessionIdLength + " bytes");
        }
        r.bytes(sessionIdLength);
        int suite = r.u16();
        int compression = r.u8();
        Map<Integer, byte[]> ext = new LinkedHashMap<>();
        if (r.hasMore()) {
            ByteReader all = r.sub(r.u16(), "extensions");
            while (all.hasMore()) {
                int type = all.u16();
                byte[] data = all.bytes(all.u16());
                if (ext.put(type, data) != null) {
                    throw new TlsFormatException("ServerHello: extension " + type + " twice");
                }
            }
        }
        r.expectEnd();
        return new ServerHello(version, random, suite, compression, ext);
    }

    boolean isHelloRetryRequest() {
        return Arrays.equals(random, Wire.HRR_RANDOM);
    }

    /** The negotiated version: supported_versions when present (TLS 1.3), else the version field. */
    int version() throws TlsFormatException {
        byte[] sv = extensions.get(Wire.EXT_SUPPORTED_VERSIONS);
        if (sv == null) {
            return legacyVersion;
        }
        ByteReader r = new ByteReader(sv, "supported_versions");
        int v = r.u16();
        r.expectEnd();
        return v;
    }

    /** The group of the key_share extension (HelloRetryRequest: the group asked for), or -1. */
    int keyShareGroup() throws TlsFormatException {
        byte[] ks = extensions.get(Wire.EXT_KEY_SHARE);
        if (ks == null) {
            return -1;
        }
        return new ByteReader(ks, "key_share").u16();
    }

    /** RFC 5746: the server answered renegotiation_info, and on an initial handshake it must be empty. */
    boolean secureRenegotiation() throws TlsFormatException {
        byte[] ri = extensions.get(Wire.EXT_RENEGOTIATION_INFO);
        if (ri == null) {
            return false;
        }
        ByteReader r = new ByteReader(ri, "renegotiation_info");
        int len = r.u8();
        r.bytes(len);
        r.expectEnd();
        return len == 0;
    }

    boolean extendedMasterSecret() {
        return extensions.containsKey(Wire.EXT_EXTENDED_MASTER_SECRET);
    }
}
