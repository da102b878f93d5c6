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
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.report.PolicyDoc;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.ShippedPolicies;
import org.tlsverdict.policy.Status;

/** Every case of every shipped policy, one JUnit test each; the criterion tests of the project. */
class PolicyCasesTest {

    /** Fact areas the fact model does not have yet; remove one when its collector lands (issue 7). */
    static final java.util.Set<String> NEEDS_EXEMPT = java.util.Set.of("dns");

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
            // Exemption: a criterion marked @needs("...") needs facts no collector supplies yet (DNS:
            // DNSSEC, DANE, MTA-STS, TLS-RPT, CAA), so it cannot pass or fail; its cases must then show
            // INCONCLUSIVE only, and must really get it (checked against the actual statuses).
            for (Criterion c : policy.criteria()) {
                List<CaseResult> mine = run.results().stream().filter(r -> r.criterion().equals(c.id())).toList();
                String needs = PolicyDoc.needs(policy, c);
                if (needs == null) {
                    tests.add(DynamicTest.dynamicTest(c.id() + " has PASS, FAIL and INCONCLUSIVE cases", () ->
                            assertThat(mine.stream().map(CaseResult::expected)).contains(Status.PASS, Status.FAIL, Status.INCONCLUSIVE)));
                } else {
                    tests.add(DynamicTest.dynamicTest(c.id() + " needs " + needs + ": only INCONCLUSIVE, expected and actual", () -> {
                        assertThat(NEEDS_EXEMPT).as("@needs values allowed to skip PASS/FAIL cases").contains(needs);
                        assertThat(mine).isNotEmpty();
                        assertThat(mine.stream().map(CaseResult::expected)).containsOnly(Status.INCONCLUSIVE);
                        assertThat(mine.stream().map(CaseResult::actual)).containsOnly(Status.INCONCLUSIVE);
                    }));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(policy.policy().id(), tests));
        }
        return nodes.stream();
    }
}
