package org.tlsverdict.collect.probe;

import java.io.IOException;

/** The server turned the connection away for now (SMTP 421/454, IMAP BYE, POP3 -ERR, connection refused). */
final class Throttled extends IOException {

    Throttled(String message) {
        super(message);
    }
}
