package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;

class EvaluatorTest {

    @TempDir
    Path root;

    private static Criterion criterion() {
        return new Criterion("X", "t", "MUST", "s", "e", null, null, null, "x", "x.drl", "t.x");
    }

    private static Outcome outcome(Status s, String message) {
        return new Outcome("t.x", "x: " + s, s, message, List.of());
    }

    @Test
    void noOutcomeIsInconclusiveNeverPass() {
        Verdict v = Evaluator.decide(criterion(), List.of(), f -> null);
        assertThat(v.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(v.message()).isEqualTo(Evaluator.NO_OUTCOME);
    }

    @Test
    void theMostSevereOutcomeDecidesAndUnknownOutranksPass() {
        assertThat(Evaluator.decide(criterion(), List.of(outcome(Status.PASS, "a"), outcome(Status.INCONCLUSIVE, "b")), f -> null).status())
                .isEqualTo(Status.INCONCLUSIVE);
        assertThat(Evaluator.decide(criterion(), List.of(outcome(Status.WARN, "a"), outcome(Status.INCONCLUSIVE, "b")), f -> null).status())
                .isEqualTo(Status.INCONCLUSIVE);
        Verdict fail = Evaluator.decide(criterion(), List.of(outcome(Status.FAIL, "f"), outcome(Status.INCONCLUSIVE, "b"),
                outcome(Status.PASS, "p")), f -> null);
        assertThat(fail.status()).isEqualTo(Status.FAIL);
        assertThat(fail.message()).isEqualTo("f");
        assertThat(Evaluator.decide(criterion(), List.of(outcome(Status.NOT_APPLICABLE, "n"), outcome(Status.PASS, "p")), f -> null).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void longMessageListsAreSummarised() {
        Verdict v = Evaluator.decide(criterion(), List.of(outcome(Status.FAIL, "1"), outcome(Status.FAIL, "2"),
                outcome(Status.FAIL, "3"), outcome(Status.FAIL, "4"), outcome(Status.FAIL, "5")), f -> null);
        assertThat(v.message()).isEqualTo("1; 2; 3; and 2 more");
    }

    /** Whatever a shipped policy says, an endpoint about which nothing was collected never passes. */
    @Test
    void shippedPoliciesNeverPassWithoutFacts() throws Exception {
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy p = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            for (int port : new int[] {25, 465, 587, 993, 995, 443, 2525}) {
                EndpointFacts nothing = new EndpointFacts(new Endpoint("h", null, port, null, null), null, null, null, null, null, null, null);
                EndpointResult r = new Evaluator(p, CipherRegistry.standard(), Instant.EPOCH).evaluate(nothing, "none");
                assertThat(r.verdicts()).as(dir + " port " + port).noneMatch(v -> v.status() == Status.PASS);
            }
        }
    }
}
