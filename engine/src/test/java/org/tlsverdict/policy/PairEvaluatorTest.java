package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsDocument;

/**
 * Diff judges criteria the two versions share once. The merged results must be exactly what
 * judging the second version in full gives, and sharing must stay off when a shared criterion
 * could see something different.
 */
class PairEvaluatorTest {

    private static final Instant AT = Instant.parse("2026-11-28T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void mergedResultsEqualFullJudgmentsForShippedPolicyPairs() throws Exception {
        List<FactsDocument> docs = new ArrayList<>();
        for (List<Path> files : InputFiles.byFolder(List.of(Path.of("fixtures"))).values()) {
            for (Path f : files) {
                docs.add(InputReader.read(f, f.toString()));
            }
        }
        docs.add(RandomEndpoints.document(11, 200, List.of()));
        String[][] pairs = {{"privacyguides-2023", "privacyguides-proposed"}, {"privacyguides-2022", "privacyguides-2023"},
                {"mozilla-intermediate-5.7", "mozilla-intermediate-6.0"}, {"mozilla-modern-5.7", "mozilla-modern-6.0"},
                {"ncsc-nl-2.1", "ncsc-nl-2025-05"},
                {"privacyguides-2023", "rfc9325"}};
        for (String[] p : pairs) {
            CompiledPolicy a = compile(Path.of("rules", p[0]));
            CompiledPolicy b = compile(Path.of("rules", p[1]));
            PairEvaluator pair = new PairEvaluator(a, b, RuleCompiler.withoutCache(), CipherRegistry.standard(), AT);
            Evaluator fullA = new Evaluator(a, CipherRegistry.standard(), AT);
            Evaluator fullB = new Evaluator(b, CipherRegistry.standard(), AT);
            for (FactsDocument doc : docs) {
                PairEvaluator.Results r = pair.evaluateAll(doc, "x");
                assertThat(r.before()).as(p[0] + " on " + doc.endpoints().size() + " endpoints").isEqualTo(fullA.evaluateAll(doc, "x"));
                assertThat(r.after()).as(p[0] + " -> " + p[1]).isEqualTo(fullB.evaluateAll(doc, "x"));
            }
        }
    }

    @Test
    void theProposedPrivacyGuidesPolicySharesTheCriteriaItTakesOver() throws Exception {
        PairEvaluator pair = new PairEvaluator(compile(Path.of("rules/privacyguides-2023")), compile(Path.of("rules/privacyguides-proposed")),
                RuleCompiler.withoutCache(), CipherRegistry.standard(), AT);
        // The proposed policy waives PGP-NO-VULNS (a waiver file) and replaces PGP-TLS-VERSION: those are judged
        // again; the criteria reading rules/common's labels (dhe-min-bits, caa) see the same classifications.
        assertThat(pair.sharedCriteria()).contains("pg.certificate_valid", "pg.fs_aead_first", "pg.server_cipher_order",
                        "pg.dhe_min_bits", "pg.caa")
                .doesNotContain("pg.no_vulnerabilities", "pg.tls_version");
    }

    @Test
    void aChangedFileThatDerivesFactsTurnsSharingOff() throws Exception {
        Path a = policy("a", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        Path b = policy("b", "insertLogical( new Classified( \"weak\", $c ) );", "2048");
        assertThat(PairEvaluator.sharedCriteria(PolicyLoader.load(a, root), PolicyLoader.load(b, root))).isEmpty();
        Path same = policy("c", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        assertThat(PairEvaluator.sharedCriteria(PolicyLoader.load(a, root), PolicyLoader.load(same, root)))
                .containsExactlyInAnyOrder("t.classify", "t.decide");
    }

    /** A new file that derives a type nobody mentions keeps sharing on; one that derives what criteria mention does not. */
    @Test
    void onlyCriteriaThatMayReadWhatChangedAreJudgedAgain() throws Exception {
        Path a = policy("a", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        Path b = policy("b", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        PolicyFixtures.criterion(b, "note", "NOTE", "rule \"note: tls 1.3\"\nwhen\n  ProtocolFact( version == TlsVersion.TLSv1_3 )\n"
                + "then\n  insertLogical( new Observation( \"TLS 1.3 seen\" ) );\nend\n");
        assertThat(PairEvaluator.sharedCriteria(PolicyLoader.load(a, root), PolicyLoader.load(b, root)))
                .containsExactlyInAnyOrder("t.classify", "t.decide");
        PolicyFixtures.criterion(b, "note", "NOTE", "rule \"note: tls 1.3\"\nwhen\n  $p : ProtocolFact( version == TlsVersion.TLSv1_3 )\n"
                + "then\n  insertLogical( new Classified( \"weak\", $p ) );\nend\n");
        // Both files mention Classified (one inserts, one reads it): both are judged again.
        assertThat(PairEvaluator.sharedCriteria(PolicyLoader.load(a, root), PolicyLoader.load(b, root))).isEmpty();
    }

    @Test
    void aRuleThatReadsOutcomesTurnsSharingOff() throws Exception {
        Path a = policy("a", "insertLogical( Outcome.fail( drools, \"weak\", $c ) );", "1024");
        Path b = policy("b", "insertLogical( Outcome.fail( drools, \"weak\", $c ) );", "1024");
        assertThat(PairEvaluator.sharedCriteria(PolicyLoader.load(a, root), PolicyLoader.load(b, root))).contains("t.decide");
        PolicyFixtures.criterion(b, "peek", "PEEK", "rule \"peek: others failed\"\nwhen\n  Outcome( status == Status.FAIL )\n"
                + "then\n  insertLogical( Outcome.warn( drools, \"another criterion failed\" ) );\nend\n");
        assertThat(PairEvaluator.sharedCriteria(PolicyLoader.load(a, root), PolicyLoader.load(b, root))).isEmpty();
    }

    @Test
    void derivingIsToldFromOutcomes() {
        assertThat(PairEvaluator.derivesFacts("insertLogical( Outcome.pass( drools, \"m\" ) );")).isFalse();
        assertThat(PairEvaluator.derivesFacts("insertLogical(Outcome.pass(drools, \"m\"));")).isFalse();
        assertThat(PairEvaluator.derivesFacts("insertLogical( new Classified( \"x\", $c ) );")).isTrue();
        assertThat(PairEvaluator.derivesFacts("insertLogical( $derived );")).isTrue();
        assertThat(PairEvaluator.derivesFacts("drools.insert( new Observation( \"x\" ) );")).isTrue();
    }

    /** A policy with a classifying file (its threshold in {@code bits}) and a deciding criterion. */
    private Path policy(String id, String classifyAction, String bits) throws Exception {
        Path dir = PolicyFixtures.policy(root, id, "");
        PolicyFixtures.criterion(dir, "classify", "CLASSIFY", "rule \"classify: small\"\nwhen\n"
                + "  $c : CipherFact( dhBits != null, dhBits < " + bits + " )\nthen\n  " + classifyAction + "\nend\n");
        PolicyFixtures.criterion(dir, "decide", "DECIDE", "rule \"decide: weak\"\nwhen\n  $k : Classified( label == \"weak\" )\n"
                + "then\n  insertLogical( Outcome.fail( drools, \"weak\", $k ) );\nend\n");
        return dir;
    }

    private static CompiledPolicy compile(Path dir) throws Exception {
        return RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
    }
}
