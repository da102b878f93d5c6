package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class RuleCompilerTest {

    @TempDir
    Path root;

    @Test
    void syntaxErrorIsReportedAsFileAndLine() throws Exception {
        Path dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "a", "A", "rule \"broken\"\nwhen\n  ProtocolFact( support == \nthen\nend\n");
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(dir, root)))
                .isInstanceOf(PolicyException.class).hasMessageMatching("(?s)p/a\\.drl:\\d+: .*");
    }

    /** Rule facts hold no provenance; the records of the facts file that do (Certificate, Vulnerability) are refused it by name. */
    @ParameterizedTest
    @ValueSource(strings = {"$p : ProtocolFact( provenance != null )", "$p : Certificate( provenance.raw != null )",
            "$p : Vulnerability( )\n  eval( $p.provenance() != null )", "$p : CipherFact( this.provenance != null )"})
    void aRuleThatReadsProvenanceIsRefusedWithFileAndLine(String condition) throws Exception {
        Path dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "a", "A", "rule \"x\"\nwhen\n  " + condition + "\n"
                + "then\n  insertLogical( Outcome.pass( drools, \"provenance is fine in a message\", $p ) ); // provenance in a comment\nend\n");
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(dir, root)))
                .isInstanceOf(PolicyException.class)
                .hasMessageMatching("p/a\\.drl:1[1-3]: reading `provenance` \\(rules judge observed values; .*\\) is not allowed in a rule file");
    }

    /** Trusted rules are not checked: a rule fact has no provenance to read, so Drools refuses the rule. */
    @Test
    void aTrustedRuleFindsNoProvenanceInARuleFact() throws Exception {
        Path dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "a", "A", "rule \"x\"\nwhen\n  $p : ProtocolFact( provenance != null )\n"
                + "then\n  insertLogical( Outcome.pass( drools, \"x\", $p ) );\nend\n");
        assertThatThrownBy(() -> new RuleCompiler(null, true).compile(PolicyLoader.load(dir, root)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("p/a.drl:").hasMessageContaining("provenance");
    }

    @Test
    void unknownFactTypeIsReportedAsFileAndLine() throws Exception {
        Path dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "a", "A", "rule \"x\"\nwhen\n  NoSuchFact()\nthen\nend\n");
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(dir, root)))
                .hasMessageContaining("p/a.drl:").hasMessageContaining("NoSuchFact");
    }

    @Test
    void metadataIsChecked() throws Exception {
        Path dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "a", "SAME", "");
        PolicyFixtures.criterion(dir, "b", "SAME", "");
        Files.writeString(dir.resolve("c.drl"), "package t.c;\nrule \"c\" @id(\"C\") @level(\"OFTEN\") @title(\"t\") @source(\"s\")\nwhen\nthen\nend\n");
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(dir, root)))
                .hasMessageContaining("criterion id SAME is also used in")
                .hasMessageContaining("@level(OFTEN)");
    }

    @Test
    void secondCompileComesFromTheCacheAndBehavesTheSame() throws Exception {
        Path dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "a", "A", """
                rule "a: derive"
                when $e : Endpoint( port == 25 )
                then insertLogical( new TlsMode( TlsMode.Kind.OPPORTUNISTIC, "test" ) );
                end
                rule "a: pass"
                when TlsMode( kind == TlsMode.Kind.OPPORTUNISTIC )
                then insertLogical( Outcome.pass( drools, "port 25" ) );
                end
                """);
        RuleCompiler compiler = new RuleCompiler(root.resolve("cache"), false, root.resolve("key"));
        CompiledPolicy first = compiler.compile(PolicyLoader.load(dir, root));
        CompiledPolicy second = compiler.compile(PolicyLoader.load(dir, root));
        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        EndpointFacts facts = new EndpointFacts(new Endpoint("h", null, 25, null, null), null, null, null, null, null, null, null);
        for (CompiledPolicy c : new CompiledPolicy[] {first, second}) {
            EndpointResult r = new Evaluator(c, CipherRegistry.standard(), Instant.EPOCH).evaluate(facts, "x");
            assertThat(r.verdicts()).singleElement().extracting(Verdict::status).isEqualTo(Status.PASS);
        }
        // Editing a rule file changes the key: no stale verdicts from the cache.
        Files.writeString(dir.resolve("a.drl"), Files.readString(dir.resolve("a.drl")).replace("port == 25", "port == 26"));
        CompiledPolicy third = compiler.compile(PolicyLoader.load(dir, root));
        assertThat(third.fromCache()).isFalse();
        assertThat(new Evaluator(third, CipherRegistry.standard(), Instant.EPOCH).evaluate(facts, "x").verdicts())
                .singleElement().extracting(Verdict::status).isEqualTo(Status.INCONCLUSIVE);
    }

    @Test
    void declaredTypesAreCompiledEveryRunButStillWorkWhenRulesAreTrusted() throws Exception {
        Path dir = PolicyFixtures.policy(root, "d", "");
        PolicyFixtures.criterion(dir, "a", "A", """
                declare Seen
                    port : int
                end
                rule "a: derive"
                when Endpoint( $p : port )
                then insertLogical( new Seen( $p ) );
                end
                rule "a: pass"
                when Seen( port == 25 )
                then insertLogical( Outcome.pass( drools, "port 25" ) );
                end
                """);
        RuleCompiler compiler = new RuleCompiler(root.resolve("cache"), true, root.resolve("key"));
        compiler.compile(PolicyLoader.load(dir, root));
        CompiledPolicy second = compiler.compile(PolicyLoader.load(dir, root));
        assertThat(second.fromCache()).isFalse();
        EndpointFacts facts = new EndpointFacts(new Endpoint("h", null, 25, null, null), null, null, null, null, null, null, null);
        assertThat(new Evaluator(second, CipherRegistry.standard(), Instant.EPOCH).evaluate(facts, "x").verdicts())
                .singleElement().extracting(Verdict::status).isEqualTo(Status.PASS);
    }
}
