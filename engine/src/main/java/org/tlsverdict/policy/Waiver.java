package org.tlsverdict.policy;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.rule.RuleContext;
import org.tlsverdict.facts.Fact;

/**
 * An exception an extending policy makes to one inherited criterion without copying its file. A
 * waiver file's first rule carries {@code @waives("CRITERION-ID")} (and the criterion's amended
 * {@code @expect}) instead of {@code @id}; its other rules
 * {@code insertLogical(Waiver.warn(drools, "reason", facts...))}. The engine then turns each FAIL of
 * that criterion whose evidence the waiver covers into a WARN, the reason appended to the message
 * and the waiver's rule named: the finding stays visible with its evidence, so a waiver can soften
 * a verdict but never hide a failure or make a PASS.
 *
 * <p>A waiver is carried as an {@link Outcome} of the waiver file's package (WARN, the reason as its
 * message, the covered facts as its evidence), so it flows out of the session like any outcome;
 * {@link #apply} tells the two apart by package.
 */
public final class Waiver {

    private Waiver() {
    }

    /** Waives the criterion's FAILs about {@code covers}, appending {@code reason} to their messages. */
    public static Outcome warn(RuleContext ctx, String reason, Object... covers) {
        List<Fact> facts = new ArrayList<>();
        for (Object o : covers) {
            Outcome.flatten(o, facts);
        }
        return new Outcome(ctx.getRule().getPackageName(), ctx.getRule().getName(), Status.WARN, reason, facts);
    }

    /**
     * {@code outcomes} of a criterion with {@code waivers} (the outcomes of its waiver files)
     * applied: a FAIL whose evidence one waiver covers becomes a WARN named after the waiver's rule.
     * An outcome without evidence is never waived.
     */
    static List<Outcome> apply(List<Outcome> outcomes, List<Outcome> waivers) {
        if (waivers.isEmpty()) {
            return outcomes;
        }
        List<Outcome> out = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            Outcome waived = o;
            if (o.status() == Status.FAIL && !o.evidence().isEmpty()) {
                for (Outcome w : waivers) {
                    if (w.evidence().containsAll(o.evidence())) {
                        waived = new Outcome(o.criterionPackage(), w.rule(), Status.WARN, o.message() + "; " + w.message(), o.evidence());
                        break;
                    }
                }
            }
            out.add(waived);
        }
        return out;
    }
}
