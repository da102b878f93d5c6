package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;

/**
 * The seed discussion's point, on fixtures/port25-debate: a port-25 relay offering TLS 1.0-1.3 with
 * strong suites first and weak ones last fails the published Privacy Guides criteria but not the
 * proposal.
 */
class Port25DebateTest {

    static final Path FIXTURE = Path.of("fixtures/port25-debate/mx-port25.json");
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    static EndpointResult judge(String policy) throws Exception {
        CompiledPolicy p = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules", policy)));
        FactsDocument doc = FactsCodec.read(FIXTURE, FIXTURE.toString());
        EndpointFacts facts = doc.endpoints().get(0);
        return new Evaluator(p, CipherRegistry.standard(), AT).evaluate(facts, FIXTURE.toString());
    }

    static Map<String, Status> statuses(EndpointResult r) {
        return r.verdicts().stream().collect(Collectors.toMap(Verdict::criterion, Verdict::status));
    }

    @Test
    void publishedCriteriaFailThePort25Relay() throws Exception {
        EndpointResult r = judge("privacyguides-2023");
        Map<String, Status> s = statuses(r);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(s).containsEntry("PGP-TLS-VERSION", Status.WARN).containsEntry("PGP-NO-VULNS", Status.FAIL)
                .doesNotContainKey("PGP-TLS-PORT25");
    }

    @Test
    void proposalRelaxesPort25() throws Exception {
        EndpointResult r = judge("privacyguides-proposed");
        Map<String, Status> s = statuses(r);
        assertThat(s).containsEntry("PGP-TLS-PORT25", Status.PASS).containsEntry("PGP-NO-VULNS", Status.WARN)
                .containsEntry("PGP-ORDER-STRENGTH", Status.PASS).containsEntry("PGP-TLS-MANDATORY", Status.NOT_APPLICABLE)
                .doesNotContainKey("PGP-TLS-VERSION");
        assertThat(s).doesNotContainValue(Status.FAIL);
    }

    @Test
    void sameTlsCriteriaAgreeOutsideTheDebate() throws Exception {
        Map<String, Status> published = statuses(judge("privacyguides-2023"));
        Map<String, Status> proposed = statuses(judge("privacyguides-proposed"));
        for (String id : new String[] {"PGP-CERT", "PGP-DHE-2048", "PGP-NO-SSL", "PGP-NO-EXPORT", "PGP-SERVER-ORDER", "PGP-FS-AEAD-FIRST"}) {
            assertThat(proposed.get(id)).as(id).isEqualTo(published.get(id)).isEqualTo(Status.PASS);
        }
    }

    @Test
    void before1873WeakSuitesFailEvenAtLowPreference() throws Exception {
        Map<String, Status> s = statuses(judge("privacyguides-2022"));
        assertThat(s).containsEntry("PGP-NO-WEAK-SUITES", Status.FAIL).doesNotContainKey("PGP-FS-AEAD-FIRST");
    }
}
