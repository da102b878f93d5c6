package org.tlsverdict.collect;

/** A scan that could not produce facts; the message is one line naming the target and the problem. */
public class ScanException extends Exception {

    public ScanException(String message) {
        super(message);
    }

    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
