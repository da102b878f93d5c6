package org.tlsverdict.collect.probe;

import java.io.IOException;

/** Bytes from the server that are not the TLS (or SSLv2) message they claim to be. */
public class TlsFormatException extends IOException {

    public TlsFormatException(String message) {
        super(message);
    }
}
