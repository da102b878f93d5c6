package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;

/**
 * Rules are compiled and cached one piece (Drools package) at a time: after an edit of one rule file
 * only that file is compiled again, its new text decides the verdict, and the other pieces come
 * from the cache.
 */
class PieceCacheTest {

    @TempDir
    Path root;

    Path dir;
    RuleCompiler compiler;

    private static final EndpointFacts PORT_25 = new EndpointFacts(new Endpoint("h", null, 25, null, null), null, null, null, null, null, null, null);

    @BeforeEach
    void policy() throws IOException {
        dir = PolicyFixtures.policy(root, "p", "");
        for (String stem : List.of("a", "b", "c")) {
            PolicyFixtures.criterion(dir, stem, stem.toUpperCase(), passOnPort(stem, 25));
        }
        compiler = new RuleCompiler(root.resolve("cache"), false, root.resolve("config/cache.key"));
    }

    private static String passOnPort(String stem, int port) {
        return "rule \"" + stem + ": pass\"\nwhen Endpoint( port == " + port + " )\nthen insertLogical( Outcome.pass( drools, \"port " + port + "\" ) );\nend\n";
    }

    private List<String> compiled;

    private CompiledPolicy compile() throws PolicyException {
        compiled = new ArrayList<>();
        return compiler.compile(PolicyLoader.load(dir, root), compiled);
    }

    private static Map<String, Status> verdicts(CompiledPolicy p) {
        return new Evaluator(p, CipherRegistry.standard(), Instant.EPOCH).evaluate(PORT_25, "x").verdicts().stream()
                .collect(Collectors.toMap(Verdict::criterion, Verdict::status));
    }

    private void edit(String stem, String from, String to) throws IOException {
        Path f = dir.resolve(stem + ".drl");
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
    }

    @Test
    void anEditRecompilesOnlyTheEditedFileAndItsNewTextDecides() throws Exception {
        CompiledPolicy first = compile();
        assertThat(compiled).containsExactly("p/a.drl", "p/b.drl", "p/c.drl");
        assertThat(verdicts(first)).containsEntry("A", Status.PASS).containsEntry("B", Status.PASS).containsEntry("C", Status.PASS);

        CompiledPolicy cached = compile();
        assertThat(compiled).isEmpty();
        assertThat(cached.fromCache()).isTrue();
        assertThat(verdicts(cached)).isEqualTo(verdicts(first));

        edit("b", "port == 25", "port == 26");
        CompiledPolicy edited = compile();
        assertThat(compiled).containsExactly("p/b.drl");
        // Two of its three pieces came from the cache: tlsverdict test judges its cases compiled from source too.
        assertThat(edited.fromCache()).isTrue();
        assertThat(verdicts(edited)).containsEntry("A", Status.PASS).containsEntry("B", Status.INCONCLUSIVE).containsEntry("C", Status.PASS);

        // Back to the old text: its piece is the old one again, read from the cache, and judges as before.
        edit("b", "port == 26", "port == 25");
        CompiledPolicy reverted = compile();
        assertThat(compiled).isEmpty();
        assertThat(verdicts(reverted)).containsEntry("B", Status.PASS);
    }

    @Test
    void anEditOnlyInMetadataIsNotServedTheOldPiece() throws Exception {
        compile();
        edit("c", "@title(\"T C\")", "@title(\"T C, reworded\")");
        CompiledPolicy edited = compile();
        assertThat(compiled).containsExactly("p/c.drl");
        assertThat(edited.criteria()).filteredOn(c -> c.id().equals("C")).singleElement().extracting(Criterion::title).isEqualTo("T C, reworded");
    }

    @Test
    void filesOfOnePackageArePieceTogether() throws Exception {
        Files.writeString(dir.resolve("shared-1.drl"), "package t.shared;\n" + PolicyFixtures.HEADER
                + "rule \"shared one\"\nwhen Endpoint( port == 25 )\nthen insertLogical( new TlsMode( TlsMode.Kind.OPPORTUNISTIC, \"t\" ) );\nend\n");
        Files.writeString(dir.resolve("shared-2.drl"), "package t.shared;\n" + PolicyFixtures.HEADER
                + "rule \"shared two\"\nwhen Endpoint( port == 587 )\nthen insertLogical( new TlsMode( TlsMode.Kind.MANDATORY, \"t\" ) );\nend\n");
        compile();
        edit("shared-2", "port == 587", "port == 465");
        compile();
        assertThat(compiled).containsExactly("p/shared-1.drl", "p/shared-2.drl");
    }

    @Test
    void theSameTextAtAnotherPathIsCompiledForThatPath() throws Exception {
        compile();
        Path copy = root.resolve("q");
        Files.createDirectories(copy);
        for (String name : List.of("policy.yaml", "a.drl", "b.drl", "c.drl")) {
            Files.copy(dir.resolve(name), copy.resolve(name));
        }
        compiled = new ArrayList<>();
        compiler.compile(PolicyLoader.load(copy, root), compiled);
        assertThat(compiled).containsExactly("q/a.drl", "q/b.drl", "q/c.drl");
    }

    @Test
    void anEditTheCheckRefusesIsRefusedThoughTheOtherPiecesAreCached() throws Exception {
        compile();
        edit("a", "insertLogical( Outcome.pass( drools, \"port 25\" ) );", "System.exit( 0 );");
        assertThatThrownBy(this::compile).isInstanceOf(PolicyException.class).hasMessageContaining("p/a.drl");
        // The refused text was never cached: the next run refuses it again.
        assertThatThrownBy(this::compile).isInstanceOf(PolicyException.class).hasMessageContaining("p/a.drl");
    }

    @Test
    void aPieceCompiledWithTrustedRulesNeverServesACheckedRun() throws Exception {
        new RuleCompiler(root.resolve("cache"), true, root.resolve("config/cache.key")).compile(PolicyLoader.load(dir, root));
        compile();
        assertThat(compiled).containsExactly("p/a.drl", "p/b.drl", "p/c.drl");
    }
}
