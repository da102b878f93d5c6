package org.tlsverdict.collect.probe;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;

/** TLS code points the prober writes and reads (RFC 5246, RFC 8446 and the IANA registries). */
final class Wire {

    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int HEARTBEAT = 24;

    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int CERTIFICATE_REQUEST = 13;
    static final int SERVER_HELLO_DONE = 14;
    static final int CLIENT_KEY_EXCHANGE = 16;

    static final int EXT_SERVER_NAME = 0;
    static final int EXT_SUPPORTED_GROUPS = 10;
    static final int EXT_EC_POINT_FORMATS = 11;
    static final int EXT_HEARTBEAT = 15;
    static final int EXT_SIGNATURE_ALGORITHMS = 13;
    static final int EXT_PADDING = 21;
    static final int EXT_EXTENDED_MASTER_SECRET = 23;
    static final int EXT_SESSION_TICKET = 35;
    static final int EXT_SUPPORTED_VERSIONS = 43;
    static final int EXT_PSK_KEY_EXCHANGE_MODES = 45;
    static final int EXT_KEY_SHARE = 51;
    static final int EXT_RENEGOTIATION_INFO = 0xFF01;

    static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    static final int FALLBACK_SCSV = 0x5600;

    static final int COMPRESSION_NULL = 0;
    static final int COMPRESSION_DEFLATE = 1;

    static final int ALERT_UNEXPECTED_MESSAGE = 10;
    static final int ALERT_BAD_RECORD_MAC = 20;
    static final int ALERT_DECRYPTION_FAILED = 21;
    static final int ALERT_HANDSHAKE_FAILURE = 40;
    static final int ALERT_INSUFFICIENT_SECURITY = 71;
    static final int ALERT_PROTOCOL_VERSION = 70;
    static final int ALERT_INAPPROPRIATE_FALLBACK = 86;

    /** ServerHello.random of a HelloRetryRequest: SHA-256("HelloRetryRequest"), RFC 8446 4.1.3. */
    static final byte[] HRR_RANDOM = hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private Wire() {
    }

    static String alertName(int description) {
        String name = AlertDescription.getName((short) description);
        return name == null || name.startsWith("UNKNOWN") ? "alert " + description : name;
    }

    /** The IANA name of a named group ("x25519", "secp256r1", "ffdhe2048"), or its number in hex. */
    static String groupName(int group) {
        String name = NamedGroup.getName(group);
        return name == null || name.startsWith("UNKNOWN") ? String.format("0x%04X", group) : name;
    }

    static String versionName(int wire) {
        return switch (wire) {
            case 0x0002, 0x0200 -> "SSLv2";
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1.0";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("0x%04X", wire);
        };
    }

    static String suiteHex(int code) {
        return String.format("0x%04X", code);
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** One plaintext record. */
    static byte[] record(int type, int version, byte[] body) {
        return new ByteWriter().u8(type).u16(version).u16(body.length).bytes(body).toByteArray();
    }
}
