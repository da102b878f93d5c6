package org.tlsverdict.facts;

/**
 * One IANA TLS cipher suite as described by the registry data file.
 *
 * @param code          two-byte code point
 * @param iana          IANA name (TLS_...)
 * @param openssl       OpenSSL name, or null where OpenSSL has none
 * @param keyExchange   RSA, DHE, ECDHE, DH, ECDH, PSK, DHE_PSK, ECDHE_PSK, RSA_PSK, SRP, KRB5, ANY (TLS 1.3), NULL, ...
 * @param authentication RSA, DSS, ECDSA, ANON, PSK, ANY (TLS 1.3), ...
 * @param cipher        bulk cipher, e.g. AES_128_GCM, CHACHA20_POLY1305, 3DES_EDE_CBC, RC4_128, NULL
 * @param bits          effective key bits of the bulk cipher (export ciphers: 40 or 56)
 * @param mac           MAC or PRF hash: SHA, SHA256, SHA384, MD5, AEAD ...
 */
public record CipherSuite(int code, String iana, String openssl, String keyExchange, String authentication,
                          String cipher, int bits, String mac, boolean aead, boolean forwardSecret,
                          boolean tls13, boolean export) {

    public String codeHex() {
        return String.format("0x%02X,0x%02X", code >> 8, code & 0xFF);
    }
}
