package org.tlsverdict.collect.probe;

import java.math.BigInteger;

/**
 * The server's ephemeral key-exchange parameters from a TLS 1.0-1.2 ServerKeyExchange: a
 * finite-field DH prime, or an ECDHE named group (RFC 8422 curve_type 3). Only what facts need.
 *
 * @param prime   the DH prime p, or null for ECDHE
 * @param group   the named group code point, or -1 (finite-field DH, or explicit curve parameters)
 */
record KeyExchange(BigInteger prime, int group) {

    static KeyExchange parseDh(byte[] body, boolean pskHint) throws TlsFormatException {
        ByteReader r = new ByteReader(body, "ServerKeyExchange");
        if (pskHint) {
            r.bytes(r.u16());
        }
        byte[] p = r.bytes(r.u16());
        r.bytes(r.u16()); // g
        r.bytes(r.u16()); // Ys
        if (p.length == 0) {
            throw new TlsFormatException("ServerKeyExchange: empty DH prime");
        }
        return new KeyExchange(new BigInteger(1, p), -1);
    }

    static KeyExchange parseEc(byte[] body, boolean pskHint) throws TlsFormatException {
        ByteReader r = new ByteReader(body, "ServerKeyExchange");
        if (pskHint) {
            r.bytes(r.u16());
        }
        int curveType = r.u8();
        if (curveType == 3) {
            return new KeyExchange(null, r.u16());
        }
        if (curveType == 1 || curveType == 2) {
            return new KeyExchange(null, -1);
        }
        throw new TlsFormatException("ServerKeyExchange: curve type " + curveType);
    }

    int dhBits() {
        return prime == null ? 0 : prime.bitLength();
    }
}
