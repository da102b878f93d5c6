package org.tlsverdict.policy;

import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * A policy with its rules compiled once per run; safe to share between threads.
 * {@code seesEndpointIdentity}: whether a rule can read the host or IP of the endpoint it judges
 * (see {@link EndpointIdentity}). {@code trustedRules}: compiled with {@code --trust-rules}, without
 * the {@link RuleChecker} (reports say so in their header).
 */
public record CompiledPolicy(Policy policy, KieBase kieBase, List<Criterion> criteria,
                             Map<String, Criterion> criteriaByPackage, boolean fromCache, boolean seesEndpointIdentity,
                             boolean trustedRules) {

    public CompiledPolicy(Policy policy, KieBase kieBase, List<Criterion> criteria,
                          Map<String, Criterion> criteriaByPackage, boolean fromCache, boolean seesEndpointIdentity) {
        this(policy, kieBase, criteria, criteriaByPackage, fromCache, seesEndpointIdentity, false);
    }
}
