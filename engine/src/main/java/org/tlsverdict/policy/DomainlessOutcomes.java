package org.tlsverdict.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine concludes for a {@code @subject("domain")} criterion on an endpoint that no
 * collected mail domain lists as an MX, so that no criterion file repeats the two rules: INCONCLUSIVE
 * when the endpoint is a mail service (its domain facts were not collected), NOT_APPLICABLE on an
 * HTTPS endpoint (it serves no mail domain, so nothing is missing). The outcome joins the
 * criterion's own and is decided with them, as the rules that said this did; it is named as if a
 * rule of the criterion ({@code "<criterion rule>: no domain facts"}) concluded it, which is what
 * verdicts reported when each file carried that rule.
 */
final class DomainlessOutcomes {

    static final String NO_DOMAIN_FACTS = "no mail-domain facts were collected for this endpoint";
    static final String NOT_MAIL = "an HTTPS endpoint is not a mail service: mail-domain criteria do not concern it";

    /** One object per criterion and case: verdicts are reused while the outcome objects stay the same ({@link VerdictCache}). */
    private final Map<String, Outcome> made = new ConcurrentHashMap<>();

    /** {@code outcomes} of {@code c} with the engine's own added. */
    List<Outcome> withOutcome(Criterion c, boolean https, List<Outcome> outcomes) {
        Outcome o = https
                ? made.computeIfAbsent(c.packageName() + " web", k -> new Outcome(c.packageName(), c.rule() + ": not a mail service",
                        Status.NOT_APPLICABLE, NOT_MAIL, List.of()))
                : made.computeIfAbsent(c.packageName(), k -> new Outcome(c.packageName(), c.rule() + ": no domain facts",
                        Status.INCONCLUSIVE, NO_DOMAIN_FACTS, List.of()));
        List<Outcome> out = new ArrayList<>(outcomes.size() + 1);
        out.addAll(outcomes);
        out.add(o);
        return out;
    }
}
