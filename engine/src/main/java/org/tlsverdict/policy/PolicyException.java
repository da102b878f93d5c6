package org.tlsverdict.policy;

/** A policy that cannot be loaded or compiled; the message is {@code file:line: problem} lines. */
public class PolicyException extends Exception {

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
