package org.tlsverdict.policy;

import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * A policy with its rules compiled once per run; safe to share between threads.
 * {@code seesEndpointIdentity}: whether a rule can read the host or IP of the endpoint it judges
 * (see {@link EndpointIdentity}).
 */
public record CompiledPolicy(Policy policy, KieBase kieBase, List<Criterion> criteria,
                             Map<String, Criterion> criteriaByPackage, boolean fromCache, boolean seesEndpointIdentity) {
}
