package org.tlsverdict.collect.probe;

import java.util.List;

/**
 * What one ClientHello brought back.
 *
 * @param kind         how the exchange ended
 * @param offer        the hello sent
 * @param hello        the ServerHello / HelloRetryRequest (ACCEPTED only)
 * @param version      the negotiated version's wire value (ACCEPTED only)
 * @param certificates DER chain from the Certificate message, or null when not read
 * @param keyExchange  ServerKeyExchange parameters, or null when not read
 * @param alert        alert description (REJECTED), else -1
 * @param detail       why reading stopped, for provenance and errors
 */
record Reply(Kind kind, ClientHello offer, ServerHello hello, int version, List<byte[]> certificates,
             KeyExchange keyExchange, int alert, String detail) {

    /** What the server did with the offer. */
    enum Kind {
        /** A ServerHello (or HelloRetryRequest) that fits the offer. */
        ACCEPTED,
        /** A fatal alert: the server refuses what was offered. */
        REJECTED,
        /** Closed or reset before sending a single byte: a refusal by servers that do not send alerts. */
        CLOSED,
        /** No answer within the connection timeout. */
        TIMEOUT,
        /** Bytes that are not a valid answer to the offer (garbage, truncation, a suite never offered). */
        MALFORMED
    }

    static Reply of(Kind kind, ClientHello offer, String detail) {
        return new Reply(kind, offer, null, -1, null, null, -1, detail);
    }

    boolean accepted() {
        return kind == Kind.ACCEPTED;
    }

    /** A refusal the enumeration may conclude from: an alert, or a silent close by a server known to speak TLS. */
    boolean refused(boolean serverSpeaksTls) {
        return kind == Kind.REJECTED || (kind == Kind.CLOSED && serverSpeaksTls);
    }

    boolean helloRetry() {
        return hello != null && hello.isHelloRetryRequest();
    }

    int suite() {
        return hello == null ? -1 : hello.cipherSuite();
    }

    /** One line for provenance: what was offered and what came back. */
    String describe() {
        StringBuilder sb = new StringBuilder("hello ").append(Wire.versionName(offer.maxVersion()));
        if (offer.tls13() && offer.minVersion() < 0x0304) {
            sb.append('-').append(Wire.versionName(offer.minVersion()));
        }
        sb.append(" with ").append(offer.suites().size()).append(offer.suites().size() == 1 ? " suite" : " suites");
        if (offer.fallbackScsv()) {
            sb.append(" + TLS_FALLBACK_SCSV");
        }
        sb.append(" -> ");
        switch (kind) {
            case ACCEPTED -> {
                sb.append(helloRetry() ? "HelloRetryRequest " : "ServerHello ").append(Wire.versionName(version))
                        .append(' ').append(Wire.suiteHex(suite()));
                try {
                    if (hello.keyShareGroup() >= 0) {
                        sb.append(' ').append(Wire.groupName(hello.keyShareGroup()));
                    }
                } catch (TlsFormatException ignored) {
                    // Validated when the reply was read.
                }
                if (keyExchange != null) {
                    sb.append(keyExchange.prime() != null ? ", DH " + keyExchange.dhBits() + " bits"
                            : keyExchange.group() >= 0 ? ", ECDHE " + Wire.groupName(keyExchange.group()) : ", explicit curve");
                }
            }
            case REJECTED -> sb.append("alert ").append(Wire.alertName(alert));
            case CLOSED -> sb.append("closed without answer");
            case TIMEOUT -> sb.append("no answer (").append(detail).append(')');
            case MALFORMED -> sb.append("invalid answer (").append(detail).append(')');
        }
        return sb.toString();
    }
}
