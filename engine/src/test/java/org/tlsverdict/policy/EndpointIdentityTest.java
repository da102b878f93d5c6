package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;

/** Which rule texts can tell one endpoint from another of the same kind (see EndpointIdentity). */
class EndpointIdentityTest {

    private static String rule(String when, String then) {
        return """
                package x;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "r"
                when
                %s
                then
                    %s
                end
                """.formatted(when, then);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "    Endpoint( service == Service.SMTP )",
            "    Endpoint( service in ( Service.SUBMISSION, Service.IMAPS ), port != 25 )",
            "    Endpoint( transport == Transport.STARTTLS, service != Service.SMTP, $port : port )",
            "    not Endpoint( port == 25 ) // a host == \"x\" comment does not count",
            "    ProtocolFact( $v : version ) Endpoint( port == 465 )"})
    void kindOnly(String when) {
        assertThat(EndpointIdentity.visibleIn(rule(when, "insertLogical( Outcome.pass( drools, \"host is fine\" ) );"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "    $e : Endpoint( port == 25 )",
            "    $e :\n    Endpoint( port == 25 )",
            "    Endpoint( host == \"mx.example\" )",
            "    Endpoint( ip != null )",
            "    Endpoint( label() != null )",
            "    Endpoint( this != null )",
            "    Endpoint( $h : host )",
            "    $l : java.util.List() from collect( Endpoint( port == 25 ) )",
            "    exists( Endpoint( port == 25 ) )",
            "    $o : Object( )",
            "    org.tlsverdict.facts.Endpoint( $h : host )"})
    void identity(String when) {
        assertThat(EndpointIdentity.visibleIn(rule(when, "insertLogical( Outcome.pass( drools, \"x\" ) );"))).as(when).isTrue();
    }

    @Test
    void consequencesThatReachIntoTheSessionOrBuildEndpointsCount() {
        assertThat(EndpointIdentity.visibleIn(rule("    ProtocolFact( )", "System.out.println( drools.getKieRuntime().getObjects() );"))).isTrue();
        assertThat(EndpointIdentity.visibleIn(rule("    ProtocolFact( )", "insert( new Endpoint( \"h\", null, 25, null, null ) );"))).isTrue();
        assertThat(EndpointIdentity.visibleIn("package x;\nfunction String name(org.tlsverdict.facts.Endpoint e) { return e.host(); }\n")).isTrue();
    }

    /** A rule that reads the host gets the host, endpoint after endpoint in one kept session. */
    @Test
    void aPolicyThatReadsTheHostSeesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), "id: host-check\ntitle: host check\nversion: \"1\"\nstatus: draft\n");
        Files.writeString(dir.resolve("known-host.drl"), """
                package t.known_host;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "known-host"
                    @id("T-HOST") @title("Known host") @level("MUST") @source("test")
                when
                then
                end
                rule "known-host: yes"
                when
                    Endpoint( host == "mx.good.test" )
                then
                    insertLogical( Outcome.pass( drools, "known" ) );
                end
                rule "known-host: no"
                when
                    Endpoint( host != "mx.good.test" )
                then
                    insertLogical( Outcome.fail( drools, "unknown" ) );
                end
                """);
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
        assertThat(policy.seesEndpointIdentity()).isTrue();
        Evaluator kept = new Evaluator(policy, CipherRegistry.standard(), Instant.parse("2027-01-01T00:00:00Z"));
        for (String host : new String[] {"mx.good.test", "mx.other.test", "mx.good.test"}) {
            EndpointFacts e = new EndpointFacts(new Endpoint(host, null, 25, null, null), null, null, null, null, null, null, null);
            assertThat(kept.evaluate(e, "x.json").status()).as(host).isEqualTo(host.equals("mx.good.test") ? Status.PASS : Status.FAIL);
        }
    }

    @Test
    void noShippedPolicyCanTellEndpointsOfOneKindApart() throws Exception {
        for (Path dir : ShippedPolicies.all()) {
            assertThat(EndpointIdentity.visible(PolicyLoader.load(dir))).as(dir.toString()).isFalse();
        }
    }
}
