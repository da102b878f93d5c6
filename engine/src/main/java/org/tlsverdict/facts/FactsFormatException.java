package org.tlsverdict.facts;

/**
 * Input that cannot be read as facts. The message is one line naming the file and the problem;
 * line breaks and control characters from the input (a key name, a finding) are flattened here,
 * once, so no caller can break that promise.
 */
public class FactsFormatException extends Exception {

    public FactsFormatException(String message) {
        super(oneLine(message));
    }

    public FactsFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String message) {
        return message == null ? null : message.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ");
    }
}
