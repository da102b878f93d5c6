package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;

/**
 * Why {@link RuleCompiler#baseConfiguration()} turns Drools' beta-node sharing off, reduced to two
 * endpoints judged one after the other in one kept session (Drools 10.2): with sharing, the second
 * endpoint's PGP-FS-AEAD-FIRST verdict keeps evidence of the first one's suites, because the
 * {@code from collect} over the suite grades is not re-evaluated when truth maintenance withdraws
 * and re-inserts its members. The closest upstream reports are of missed propagations through
 * shared subnetworks (DROOLS-1656, apache/incubator-kie#1365, fixed in 7.x); no report of this case
 * was found. When this test fails on a Drools upgrade because sharing no longer goes wrong, the
 * flag can go (and KeptPathCheckTest's premise with it).
 */
class BetaNodeSharingTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    static final String DHE_SECOND = """
            endpoint: {host: mx.example, port: 25}
            protocols: {SSLv3: not-offered, TLSv1.0: not-offered, TLSv1.1: not-offered, TLSv1.2: offered, TLSv1.3: not-offered}
            ciphers:
              TLSv1.2: [{iana: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, group: x25519}, {iana: TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, dhBits: 2048}]
            """;
    static final String ECDHE_ONLY = """
            endpoint: {host: mx.example, port: 587}
            protocols: {SSLv3: not-offered, TLSv1.0: not-offered, TLSv1.1: not-offered, TLSv1.2: offered, TLSv1.3: not-offered}
            ciphers:
              TLSv1.2: [{iana: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, group: x25519}]
            """;

    @Test
    void sharedBetaNodesKeepAnEarlierEndpointsEvidence() throws Exception {
        CompiledPolicy unshared = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-2023")));
        Verdict fresh = secondVerdict(unshared, false);
        assertThat(secondVerdict(unshared, true)).as("kept session, beta nodes unshared (as shipped)").isEqualTo(fresh);
        assertThat(secondVerdict(withSharing(unshared), true))
                .as("kept session with Drools' default sharing: if this now equals the fresh verdict, the upgrade fixed it")
                .isNotEqualTo(fresh);
    }

    /** PGP-FS-AEAD-FIRST of the ECDHE-only endpoint, judged after the DHE one when {@code kept}. */
    private static Verdict secondVerdict(CompiledPolicy policy, boolean kept) throws Exception {
        EndpointFacts first = FactsCodec.yaml().readValue(DHE_SECOND, EndpointFacts.class);
        EndpointFacts second = FactsCodec.yaml().readValue(ECDHE_ONLY, EndpointFacts.class);
        Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), AT);
        if (kept) {
            evaluator.evaluate(first, "first", List.of());
        }
        EndpointResult r = evaluator.evaluate(second, "second", List.of());
        return r.verdicts().stream().filter(v -> v.criterion().equals("PGP-FS-AEAD-FIRST")).findFirst().orElseThrow();
    }

    static CompiledPolicy withSharing(CompiledPolicy p) {
        InternalKnowledgeBase shared = KnowledgeBaseFactory.newKnowledgeBase(KieServices.Factory.get().newKieBaseConfiguration());
        shared.addPackages(p.kieBase().getKiePackages());
        return new CompiledPolicy(p.policy(), shared, p.criteria(), p.criteriaByPackage(), p.fromCache(), p.readsEndpointAddress(), p.trustedRules());
    }
}
