package org.tlsverdict.policy;

import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * A policy with its rules compiled once per run; safe to share between threads.
 * {@code readsEndpointAddress}: whether a compiled rule matches the
 * {@link org.tlsverdict.facts.EndpointAddress} fact (the host and IP of the endpoint judged), which
 * only such policies get (see {@link PatternTypes}). {@code trustedRules}: compiled with
 * {@code --trust-rules}, without the {@link RuleChecker} (reports say so in their header).
 * {@code fromCache}: some of its pieces were read from the compiled-rule cache rather than compiled
 * from source in this run ({@code tlsverdict test} then also judges its cases compiled from source).
 */
public record CompiledPolicy(Policy policy, KieBase kieBase, List<Criterion> criteria,
                             Map<String, Criterion> criteriaByPackage, boolean fromCache, boolean readsEndpointAddress,
                             boolean trustedRules) {

    public CompiledPolicy(Policy policy, KieBase kieBase, List<Criterion> criteria,
                          Map<String, Criterion> criteriaByPackage, boolean fromCache, boolean readsEndpointAddress) {
        this(policy, kieBase, criteria, criteriaByPackage, fromCache, readsEndpointAddress, false);
    }
}
