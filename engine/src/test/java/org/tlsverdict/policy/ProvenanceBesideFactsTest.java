package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Vulnerability;
import org.tlsverdict.facts.VulnStatus;

/**
 * Rule facts hold observed values only; where each was read is kept beside the session and comes
 * back in the evidence, for every endpoint of a kept session, and for derived facts through the
 * fact they were concluded from.
 */
class ProvenanceBesideFactsTest {

    private static final Instant AT = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void evidenceShowsWhereEachEndpointsFactsWereReadInAKeptSession() throws Exception {
        Path dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "old", "OLD", """
                rule "old: tls 1.0"
                when
                    $p : ProtocolFact( version == TlsVersion.TLSv1_0, support == Support.OFFERED )
                then
                    insertLogical( new Classified( "old", $p ) );
                end
                rule "old: fail"
                when
                    $k : Classified( label == "old" )
                    $v : Vulnerability( status == VulnStatus.VULNERABLE )
                then
                    insertLogical( Outcome.fail( drools, "TLS 1.0 and a vulnerability", $k, $v ) );
                end
                """);
        Evaluator kept = new Evaluator(RuleCompiler.withoutCache().compile(PolicyLoader.load(dir, root)), CipherRegistry.standard(), AT);
        // The same values read from other files and lines: the session keeps its facts, the evidence must not.
        for (int round = 0; round < 2; round++) {
            for (String file : new String[] {"a.json", "b.json", "c.json"}) {
                EndpointResult r = kept.evaluate(endpoint(file), file);
                Verdict v = r.verdicts().get(0);
                assertThat(v.status()).isEqualTo(Status.FAIL);
                assertThat(v.evidence()).extracting(Evidence::source).containsOnly(file);
                assertThat(v.evidence()).extracting(Evidence::raw)
                        .containsExactlyInAnyOrder("line of TLSv1.0 in " + file, "line of HEARTBLEED in " + file);
                assertThat(v.evidence()).extracting(Evidence::collector).containsOnly("testssl");
            }
        }
    }

    private static EndpointFacts endpoint(String file) {
        Provenance source = new Provenance("testssl", file, null);
        return new EndpointFacts(Endpoint.of("mx." + file, null, 25, null, null), source,
                Map.of(TlsVersion.TLSv1_0, Support.OFFERED), null, null, null,
                List.of(new Vulnerability("HEARTBLEED", VulnStatus.VULNERABLE, null, new Provenance(null, null, "line of HEARTBLEED in " + file))),
                Map.of("protocols.TLSv1.0", new Provenance(null, null, "line of TLSv1.0 in " + file)));
    }
}
