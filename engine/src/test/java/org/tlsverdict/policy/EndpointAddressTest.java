package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;

/**
 * The endpoint's identity is a fact of its own: rules see an Endpoint without host or IP, and a
 * rule that needs to tell endpoints apart matches EndpointAddress, which only such policies get.
 */
class EndpointAddressTest {

    private static final Instant AT = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** A rule that reads the host gets the host, endpoint after endpoint in one kept session. */
    @Test
    void aRuleMatchingEndpointAddressSeesTheHostInAKeptSession() throws Exception {
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(knownHostPolicy("EndpointAddress( host == \"mx.good.test\" )",
                "EndpointAddress( host != \"mx.good.test\" )"), dir));
        assertThat(policy.readsEndpointAddress()).isTrue();
        Evaluator kept = new Evaluator(policy, CipherRegistry.standard(), AT);
        for (String host : new String[] {"mx.good.test", "mx.other.test", "mx.good.test", "mx.third.test", "mx.good.test"}) {
            EndpointFacts e = endpoint(host);
            Status expected = host.equals("mx.good.test") ? Status.PASS : Status.FAIL;
            assertThat(kept.evaluate(e, "x.json").status()).as(host).isEqualTo(expected);
            assertThat(kept.evaluateReference(e, "x.json", List.of(), null).status()).as(host).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Endpoint( host == \"mx.good.test\" )", "Endpoint( ip != null )", "Endpoint( label() == \"mx.good.test:25\" )",
            "Endpoint( port == 25, host.length() > 3 )", "Endpoint( this != null )", "$e : Endpoint( port == 25 )\n    eval( $e.host() != null )",
            "$e : Endpoint( )\n    eval( $e != null )", "$e : Endpoint( )\n    EndpointAddress( host == $e.host )",
            "$all : java.util.List() from collect( Endpoint() )"})
    void readingTheIdentityFromAnEndpointIsRefusedWithTheWayToIt(String condition) throws Exception {
        Path policy = knownHostPolicy(condition, "not EndpointAddress( )");
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(policy, dir)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("known-host.drl:")
                .hasMessageContaining("match EndpointAddress( host, ip )");
    }

    /** What Endpoint patterns may name (port, service, transport, bound fields) still compiles. */
    @Test
    void theKindOfEndpointStaysReadable() throws Exception {
        Path policy = knownHostPolicy("$e : Endpoint( $p : port, port == 25, service == Service.SMTP, transport == Transport.STARTTLS )\n"
                + "    eval( $e.port() == $p )",
                "not Endpoint( port == 25 )");
        CompiledPolicy compiled = RuleCompiler.withoutCache().compile(PolicyLoader.load(policy, dir));
        assertThat(compiled.readsEndpointAddress()).isFalse();
    }

    /** Trusted rules are not checked, so they get the Endpoint as read, host included. */
    @Test
    void trustedRulesGetTheEndpointAsRead() throws Exception {
        CompiledPolicy policy = new RuleCompiler(null, true).compile(PolicyLoader.load(knownHostPolicy("Endpoint( host == \"mx.good.test\" )",
                "Endpoint( host != \"mx.good.test\" )"), dir));
        Evaluator kept = new Evaluator(policy, CipherRegistry.standard(), AT);
        for (String host : new String[] {"mx.good.test", "mx.other.test", "mx.good.test"}) {
            assertThat(kept.evaluate(endpoint(host), "x.json").status()).as(host).isEqualTo(host.equals("mx.good.test") ? Status.PASS : Status.FAIL);
        }
    }

    @Test
    void noShippedPolicyGetsTheEndpointAddress() throws Exception {
        for (Path p : ShippedPolicies.all()) {
            assertThat(RuleCompiler.withoutCache().compile(PolicyLoader.load(p)).readsEndpointAddress()).as(p.toString()).isFalse();
        }
    }

    @Test
    void theEndpointRulesSeeIsOfAKindNotOfAHost() {
        Endpoint a = Endpoint.of("mx1.example", "192.0.2.1", 25, null, null);
        Endpoint b = Endpoint.of("mx2.example", null, 25, null, null);
        assertThat(a.withoutIdentity()).isEqualTo(b.withoutIdentity());
        assertThat(a.withoutIdentity().host()).isNull();
        assertThat(a.withoutIdentity().service()).isEqualTo(a.service());
        assertThatThrownBy(() -> Endpoint.of(null, null, 25, null, null)).hasMessage("endpoint.host is missing");
    }

    private static EndpointFacts endpoint(String host) {
        return new EndpointFacts(Endpoint.of(host, null, 25, null, null), null, null, null, null, null, null, null);
    }

    private Path knownHostPolicy(String pass, String fail) throws Exception {
        Path p = Files.createDirectories(dir.resolve("host-check"));
        Files.writeString(p.resolve("policy.yaml"), "id: host-check\ntitle: host check\nversion: \"1\"\nstatus: draft\n");
        Files.writeString(p.resolve("known-host.drl"), """
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
                    PASS
                then
                    insertLogical( Outcome.pass( drools, "known" ) );
                end
                rule "known-host: no"
                when
                    FAIL
                then
                    insertLogical( Outcome.fail( drools, "unknown" ) );
                end
                """.replace("PASS", pass).replace("FAIL", fail));
        return p;
    }
}
