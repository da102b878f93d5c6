package org.tlsverdict.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.ShippedPolicies;

/**
 * {@code tlsverdict test} holds the kept session that evaluate, replay and diff judge with to a
 * fresh session. With Drools' default beta-node sharing (which RuleCompiler turns off) the kept
 * session carries outcomes over from earlier endpoints, so the shipped cases must then fail.
 * (That both paths agree with the flag as shipped is asserted case by case in PolicyCasesTest.)
 */
class KeptPathCheckTest {

    @Test
    void shippedCasesFailWhenBetaNodesAreShared() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy unshared = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            CaseRunner.Run run = CaseRunner.run(withDroolsDefaults(unshared), CipherRegistry.standard());
            run.results().stream().filter(r -> !r.passed()).map(CaseResult::describeFailure).forEach(failures::add);
            if (!failures.isEmpty()) {
                break;
            }
        }
        assertThat(failures).isNotEmpty();
        assertThat(failures).allMatch(f -> f.contains("the kept session") || f.contains("paired with its base"));
    }

    /** The same compiled rules in a knowledge base configured as Drools configures one by default. */
    static CompiledPolicy withDroolsDefaults(CompiledPolicy p) {
        InternalKnowledgeBase shared = KnowledgeBaseFactory.newKnowledgeBase(KieServices.Factory.get().newKieBaseConfiguration());
        shared.addPackages(p.kieBase().getKiePackages());
        return new CompiledPolicy(p.policy(), shared, p.criteria(), p.criteriaByPackage(), p.fromCache(), p.readsEndpointAddress(), p.trustedRules());
    }
}
