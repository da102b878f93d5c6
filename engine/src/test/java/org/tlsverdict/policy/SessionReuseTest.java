package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;

/**
 * Sessions are reused per thread between endpoints; nothing of one endpoint may survive into the
 * next one's verdicts. Each shipped policy judges A, B, A on one thread through one evaluator and
 * must give what a fresh evaluator gives, with none of the evidence only A has in B's verdicts.
 */
class SessionReuseTest {

    private static final Instant AT = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void aReusedSessionKeepsEndpointsApart() throws Exception {
        EndpointFacts a = FactsCodec.read(Path.of("fixtures/seed-forum/jonaharagon-587.json"), "a.json").endpoints().get(0);
        EndpointFacts b = FactsCodec.read(Path.of("fixtures/seed-forum/gmail-587.json"), "b.json").endpoints().get(0);
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            Evaluator reused = new Evaluator(policy, CipherRegistry.standard(), AT);
            EndpointResult a1 = reused.evaluate(a, "a.json");
            EndpointResult b1 = reused.evaluate(b, "b.json");
            EndpointResult a2 = reused.evaluate(a, "a.json");

            assertThat(a2).as(dir + ": A judged again after B").isEqualTo(a1);
            assertThat(a1).as(dir + ": A in a reused session").isEqualTo(fresh(policy).evaluate(a, "a.json"));
            assertThat(b1).as(dir + ": B after A").isEqualTo(fresh(policy).evaluate(b, "b.json"));
            Set<Evidence> onlyA = evidence(a1);
            onlyA.removeAll(evidence(fresh(policy).evaluate(b, "b.json")));
            onlyA.retainAll(evidence(b1));
            assertThat(onlyA).as(dir + ": evidence only A has, found in B's verdicts").isEmpty();
        }
    }

    /** The endpoints differ, so the test above compares something: B's verdicts are not A's. */
    @Test
    void theTwoEndpointsAreJudgedDifferently() throws Exception {
        EndpointFacts a = FactsCodec.read(Path.of("fixtures/seed-forum/jonaharagon-587.json"), "a.json").endpoints().get(0);
        EndpointFacts b = FactsCodec.read(Path.of("fixtures/seed-forum/gmail-587.json"), "b.json").endpoints().get(0);
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        Evaluator ev = fresh(policy);
        assertThat(ev.evaluate(a, "x").verdicts()).isNotEqualTo(ev.evaluate(b, "x").verdicts());
        Set<Evidence> onlyA = evidence(ev.evaluate(a, "a.json"));
        onlyA.removeAll(evidence(ev.evaluate(b, "b.json")));
        assertThat(onlyA).as("evidence only A has").isNotEmpty();
    }

    private static Evaluator fresh(CompiledPolicy policy) {
        return new Evaluator(policy, CipherRegistry.standard(), AT);
    }

    private static Set<Evidence> evidence(EndpointResult r) {
        Set<Evidence> out = new HashSet<>();
        r.verdicts().forEach(v -> out.addAll(v.evidence()));
        return out;
    }
}
