package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.ProtocolFact;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;

/** Every hostile rule file is refused before it runs: one line per finding, and no side effect. */
class HostileRulesTest {

    @TempDir
    Path root;

    Path marker;

    static List<HostileRules.Hostile> corpus() throws IOException, URISyntaxException {
        return HostileRules.all();
    }

    @BeforeEach
    void marker() {
        marker = root.resolve("marker");
        System.setProperty("tlsverdict.hostile.marker", marker.toString());
    }

    @AfterEach
    void noMarker() {
        System.clearProperty("tlsverdict.hostile.marker");
    }

    static Path hostilePolicy(Path root, HostileRules.Hostile h, Path marker) throws IOException {
        Path dir = Files.createDirectories(root.resolve("rules").resolve("hostile"));
        Files.writeString(dir.resolve("policy.yaml"), "id: hostile\ntitle: t\nversion: \"1\"\nstatus: draft\n");
        Files.writeString(dir.resolve(h.name() + ".drl"), h.withMarker(marker));
        return dir;
    }

    /** The refusal lines are each {@code file:line: <what> is not allowed in a rule file}, one naming what was expected. */
    static void assertRefused(String message, String label, HostileRules.Hostile h) {
        List<String> lines = message.lines().toList();
        assertThat(lines).as(message).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches(java.util.regex.Pattern.quote(label) + ":\\d+: .+ is not allowed in a rule file"));
        assertThat(lines).as(message).anySatisfy(l -> assertThat(l).contains(h.expect()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedFromAFolderWithoutSideEffect(HostileRules.Hostile h) throws Exception {
        Path dir = hostilePolicy(root, h, marker);
        RuleCompiler compiler = new RuleCompiler(root.resolve("cache"), false, root.resolve("key"));
        PolicyException e = catchThrowableOfType(() -> compiler.compile(PolicyLoader.load(dir, root)), PolicyException.class);
        assertThat(e).as("refused").isNotNull();
        assertRefused(e.getMessage(), "rules/hostile/" + h.name() + ".drl", h);
        assertThat(marker).as("no side effect").doesNotExist();
        assertThat(root.resolve("cache")).as("nothing cached").satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    /** The shipped criteria use most of what the allowlist allows; every file of every policy passes unchanged. */
    @Test
    void everyShippedRuleFilePassesTheCheck() throws IOException {
        try (var s = Files.walk(Path.of("rules"))) {
            List<RuleFile> files = s.filter(p -> p.toString().endsWith(".drl")).sorted()
                    .map(p -> {
                        try {
                            return new RuleFile(p, p.toString(), Files.readString(p));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            assertThat(files).hasSizeGreaterThan(60);
            assertThat(RuleChecker.refusals(files)).isEmpty();
        }
    }

    /** The control: trusted, the same file does act, so the marker would show a checker that let it through. */
    @Test
    void trustedRulesRunFullJavaSoTheMarkerIsAFairWitness() throws Exception {
        HostileRules.Hostile h = corpus().stream().filter(x -> x.name().equals("file-write-statement")).findFirst().orElseThrow();
        Path dir = hostilePolicy(root, h, marker);
        CompiledPolicy p = new RuleCompiler(null, true).compile(PolicyLoader.load(dir, root));
        assertThat(p.trustedRules()).isTrue();
        EndpointFacts facts = new EndpointFacts(new Endpoint("h", null, 25, null, null),
                null, java.util.Map.of(TlsVersion.TLSv1_2, Support.OFFERED), null, null, null, null, null);
        new Evaluator(p, CipherRegistry.standard(), Instant.EPOCH).evaluate(facts, "x");
        assertThat(marker).exists();
    }

    /** A cache entry compiled from a trusted file is not served to a checked run of the same file. */
    @Test
    void aTrustedCacheEntryIsNotUsedByACheckedRun() throws Exception {
        HostileRules.Hostile h = corpus().stream().filter(x -> x.name().equals("global")).findFirst().orElseThrow();
        Path dir = hostilePolicy(root, h, marker);
        new RuleCompiler(root.resolve("cache"), true, root.resolve("key")).compile(PolicyLoader.load(dir, root));
        assertThat(root.resolve("cache")).isNotEmptyDirectory();
        assertThatThrownBy(() -> new RuleCompiler(root.resolve("cache"), false, root.resolve("key")).compile(PolicyLoader.load(dir, root)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("a global (out) is not allowed in a rule file");
    }

    @Test
    void aRuleThatOnlyConcludesPasses() throws Exception {
        Path dir = PolicyFixtures.policy(root, "ok", "");
        PolicyFixtures.criterion(dir, "a", "A", """
                rule "a: derive"
                when $p : ProtocolFact( version == TlsVersion.TLSv1_2, $v : version ) and not BestVersion()
                     eval( $v.name().startsWith( "TLS" ) )
                     $all : java.util.List( size > 0 ) from collect( ProtocolFact( support == Support.OFFERED ) )
                     $n : Number() from accumulate( ProtocolFact(), count( 1 ) )
                then insertLogical( new Classified( "ok", new Observation( "v " + $v ) ) );
                     insertLogical( Outcome.warn( drools, $p.version() + " of " + $all.size() + ( $n.intValue() > 1 ? "s" : "" ), $p, $all ) );
                end
                """);
        assertThat(RuleChecker.refusals(PolicyLoader.load(dir, root).ruleFiles())).isEmpty();
        assertThat(new RuleCompiler(null).compile(PolicyLoader.load(dir, root)).criteria()).hasSize(1);
        assertThat(ProtocolFact.class).isNotNull();
    }
}
