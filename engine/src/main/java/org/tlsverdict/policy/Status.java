package org.tlsverdict.policy;

/**
 * Verdict of one criterion. When several outcomes meet, the most severe wins, and unknown outranks
 * pass and warn: a missing fact may hide a failure.
 */
public enum Status {
    NOT_APPLICABLE(0), PASS(1), WARN(2), INCONCLUSIVE(3), FAIL(4);

    private final int severity;

    Status(int severity) {
        this.severity = severity;
    }

    public int severity() {
        return severity;
    }

    public static Status worst(Status a, Status b) {
        return a.severity >= b.severity ? a : b;
    }
}
