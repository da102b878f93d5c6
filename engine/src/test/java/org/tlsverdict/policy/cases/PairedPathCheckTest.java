package org.tlsverdict.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Verdict;

/**
 * {@code tlsverdict test} judges an extending policy's cases paired with its base, as diff does,
 * and fails a case whose paired verdict differs from the fresh one.
 */
class PairedPathCheckTest {

    private static final Path PROPOSED = Path.of("rules/privacyguides-proposed");
    private final RuleCompiler compiler = RuleCompiler.withoutCache();
    private final CipherRegistry registry = CipherRegistry.standard();

    @Test
    void anExtendingPolicysCasesAreJudgedPairedWithItsBaseAndAgree() throws Exception {
        CompiledPolicy proposed = compiler.compile(PolicyLoader.load(PROPOSED));
        AtomicInteger judged = new AtomicInteger();
        PairedPathCheck.PairFactory real = PairedPathCheck.asDiffJudges(compiler, registry);
        CaseRunner.Run run = CaseRunner.run(proposed, registry, compiler, (base, policy, at) -> {
            assertThat(base.policy().label()).isEqualTo("rules/privacyguides-2023");
            PairedPathCheck.PairJudge pair = real.create(base, policy, at);
            return (doc, source) -> {
                judged.incrementAndGet();
                return pair.judge(doc, source);
            };
        });
        assertThat(judged.get()).as("every case judged paired, in each order").isEqualTo(2 * run.results().size());
        assertThat(run.results()).allMatch(CaseResult::passed);
    }

    /** As if the pair decided every criterion the two have in common is shared: the extension gets the base's verdicts. */
    @Test
    void aWrongSharingDecisionFailsTheCaseShowingBothVerdicts() throws Exception {
        CompiledPolicy proposed = compiler.compile(PolicyLoader.load(PROPOSED));
        PairedPathCheck.PairFactory real = PairedPathCheck.asDiffJudges(compiler, registry);
        CaseRunner.Run run = CaseRunner.run(proposed, registry, compiler, (base, policy, at) -> {
            PairedPathCheck.PairJudge pair = real.create(base, policy, at);
            return (doc, source) -> sharingEverything(pair.judge(doc, source));
        });
        List<String> failures = run.results().stream().filter(r -> !r.passed()).map(CaseResult::describeFailure).toList();
        assertThat(failures).isNotEmpty();
        assertThat(failures).allMatch(f -> f.contains("paired with its base rules/privacyguides-2023 (as diff judges, order ")
                && f.contains(": fresh ") && f.contains(" | paired "));
    }

    @Test
    void aPolicyThatExtendsNoneIsNotPaired() throws Exception {
        CompiledPolicy base = compiler.compile(PolicyLoader.load(Path.of("rules/privacyguides-2023")));
        CaseRunner.Run run = CaseRunner.run(base, registry, compiler, (b, p, at) -> {
            throw new AssertionError("paired although it extends nothing");
        });
        assertThat(run.results()).isNotEmpty().allMatch(CaseResult::passed);
    }

    private static PairEvaluator.Results sharingEverything(PairEvaluator.Results r) {
        List<EndpointResult> after = new ArrayList<>();
        for (int i = 0; i < r.after().size(); i++) {
            Map<String, Verdict> before = new HashMap<>();
            r.before().get(i).verdicts().forEach(v -> before.put(v.criterion(), v));
            EndpointResult a = r.after().get(i);
            List<Verdict> verdicts = a.verdicts().stream().map(v -> before.getOrDefault(v.criterion(), v)).toList();
            after.add(new EndpointResult(a.endpoint(), a.domain(), a.source(), EndpointResult.overall(verdicts), verdicts));
        }
        return new PairEvaluator.Results(r.before(), after);
    }
}
