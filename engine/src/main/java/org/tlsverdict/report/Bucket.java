package org.tlsverdict.report;

import com.fasterxml.jackson.annotation.JsonValue;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * Where one endpoint x criterion lands in a policy diff; every one lands in exactly one.
 * {@code key} is the JSON value, {@code label} what every human format prints.
 */
public enum Bucket {
    NEWLY_FAILING("newly-failing", "newly failing"),
    NEWLY_PASSING("newly-passing", "newly passing"),
    STATUS_CHANGED("status-changed", "other status change"),
    REASON_CHANGED("reason-changed", "reason changed"),
    REMOVED("removed", "removed"),
    ADDED("added", "added"),
    UNCHANGED("unchanged", "unchanged");

    private final String key;
    private final String label;

    Bucket(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The bucket of a verdict before ({@code o}) and after ({@code n}); either may be missing, not both. */
    static Bucket of(Verdict o, Verdict n) {
        if (o == null) {
            return ADDED;
        }
        if (n == null) {
            return REMOVED;
        }
        if (o.status() == n.status()) {
            return java.util.Objects.equals(o.message(), n.message()) ? UNCHANGED : REASON_CHANGED;
        }
        return n.status() == Status.FAIL ? NEWLY_FAILING : n.status() == Status.PASS ? NEWLY_PASSING : STATUS_CHANGED;
    }
}
