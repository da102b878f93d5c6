package org.tlsverdict.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.ShippedPolicies;
import org.tlsverdict.policy.Status;

/** Every case of every shipped policy, one JUnit test each; the criterion tests of the project. */
class PolicyCasesTest {

    @TestFactory
    Stream<DynamicNode> everyCaseOfEveryPolicy() throws Exception {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            CaseRunner.Run run = CaseRunner.run(policy, CipherRegistry.standard());
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("every criterion has a cases file", () -> assertThat(run.missingCases()).isEmpty()));
            for (CaseResult r : run.results()) {
                tests.add(DynamicTest.dynamicTest(r.criterion() + ": " + r.name(),
                        () -> assertThat(r.passed()).as(r.describeFailure()).isTrue()));
            }
            // A criterion is only tested when its cases show it passing and failing, and where it
            // reads facts, what happens when they are missing.
            // Criteria that need facts no collector supplies yet (@needs) can only be INCONCLUSIVE.
            policy.criteria().forEach(c -> tests.add(c.needs() == null
                    ? DynamicTest.dynamicTest(c.id() + " has PASS, FAIL and INCONCLUSIVE cases", () ->
                            assertThat(run.results().stream().filter(r -> r.criterion().equals(c.id())).map(CaseResult::expected))
                                    .contains(Status.PASS, Status.FAIL, Status.INCONCLUSIVE))
                    : DynamicTest.dynamicTest(c.id() + " needs " + c.needs() + ": only INCONCLUSIVE", () ->
                            assertThat(run.results().stream().filter(r -> r.criterion().equals(c.id())).map(CaseResult::expected))
                                    .isNotEmpty().containsOnly(Status.INCONCLUSIVE))));
            nodes.add(DynamicContainer.dynamicContainer(policy.policy().id(), tests));
        }
        return nodes.stream();
    }
}
