package org.tlsverdict.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.kie.api.runtime.rule.RuleContext;
import org.tlsverdict.facts.Fact;

/**
 * What a criterion rule concludes, inserted with {@code insertLogical}. The criterion is the rule's
 * package (one criterion per .drl file), so rules never repeat the criterion id.
 */
public final class Outcome {

    private final String criterionPackage;
    private final String rule;
    private final Status status;
    private final String message;
    private final List<Fact> evidence;
    /** Truth maintenance hashes every logical insertion; the evidence lists make that dear, so once. */
    private final int hash;

    Outcome(String criterionPackage, String rule, Status status, String message, List<Fact> evidence) {
        this.criterionPackage = criterionPackage;
        this.rule = rule;
        this.status = status;
        this.message = message;
        this.evidence = List.copyOf(evidence);
        this.hash = Objects.hash(criterionPackage, rule, status, message, this.evidence);
    }

    public static Outcome pass(RuleContext ctx, String message, Object... evidence) {
        return of(ctx, Status.PASS, message, evidence);
    }

    public static Outcome fail(RuleContext ctx, String message, Object... evidence) {
        return of(ctx, Status.FAIL, message, evidence);
    }

    public static Outcome warn(RuleContext ctx, String message, Object... evidence) {
        return of(ctx, Status.WARN, message, evidence);
    }

    public static Outcome notApplicable(RuleContext ctx, String message, Object... evidence) {
        return of(ctx, Status.NOT_APPLICABLE, message, evidence);
    }

    public static Outcome inconclusive(RuleContext ctx, String message, Object... evidence) {
        return of(ctx, Status.INCONCLUSIVE, message, evidence);
    }

    private static Outcome of(RuleContext ctx, Status status, String message, Object... evidence) {
        List<Fact> facts = new ArrayList<>();
        for (Object o : evidence) {
            flatten(o, facts);
        }
        return new Outcome(ctx.getRule().getPackageName(), ctx.getRule().getName(), status, message, facts);
    }

    static void flatten(Object o, List<Fact> out) {
        if (o instanceof Fact f) {
            out.add(f);
        } else if (o instanceof Collection<?> c) {
            c.forEach(e -> flatten(e, out));
        } else if (o instanceof Object[] a) {
            for (Object e : a) {
                flatten(e, out);
            }
        }
    }

    public String criterionPackage() {
        return criterionPackage;
    }

    public String rule() {
        return rule;
    }

    public Status status() {
        return status;
    }

    public String message() {
        return message;
    }

    public List<Fact> evidence() {
        return evidence;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && hash == other.hash && criterionPackage.equals(other.criterionPackage) && rule.equals(other.rule)
                && status == other.status && Objects.equals(message, other.message) && evidence.equals(other.evidence);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return status + " " + rule + ": " + message;
    }
}
