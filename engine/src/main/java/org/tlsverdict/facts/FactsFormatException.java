package org.tlsverdict.facts;

/** Input that cannot be read as facts; the message is one line naming the file and the problem. */
public class FactsFormatException extends Exception {

    public FactsFormatException(String message) {
        super(message);
    }

    public FactsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
