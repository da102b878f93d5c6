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
        // The proposed policy waives PGP-NO-VULNS (a waiver file: its own file is the same text in both) and
        // replaces PGP-TLS-VERSION; criteria that insert Classified stay, since the added
        // DNS-CAA-OR-DANE-AND-MTA-STS reads Classified.
        assertThat(pair.sharedCriteria()).contains("pg.cert", "pg.fs_aead_first", "pg.server_order")
                .doesNotContain("pg.no_vulns", "pg.tls_version", "pg.dhe_2048");
    }

    @Test
    void aChangedFileThatDerivesFactsTurnsSharingOff() throws Exception {
        Path a = policy("a", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        Path b = policy("b", "insertLogical( new Classified( \"weak\", $c ) );", "2048");
        assertThat(PairEvaluator.sharedCriteria(load(a), load(b))).isEmpty();
        Path same = policy("c", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        assertThat(PairEvaluator.sharedCriteria(load(a), load(same)))
                .containsExactlyInAnyOrder("t.classify", "t.decide");
    }

    /** A new file that derives a type nobody mentions keeps sharing on; one that derives what criteria mention does not. */
    @Test
    void onlyCriteriaThatMayReadWhatChangedAreJudgedAgain() throws Exception {
        Path a = policy("a", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        Path b = policy("b", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        PolicyFixtures.criterion(b, "note", "NOTE", "rule \"note: tls 1.3\"\nwhen\n  ProtocolFact( version == TlsVersion.TLSv1_3 )\n"
                + "then\n  insertLogical( new Observation( \"TLS 1.3 seen\" ) );\nend\n");
        assertThat(PairEvaluator.sharedCriteria(load(a), load(b)))
                .containsExactlyInAnyOrder("t.classify", "t.decide");
        PolicyFixtures.criterion(b, "note", "NOTE", "rule \"note: tls 1.3\"\nwhen\n  $p : ProtocolFact( version == TlsVersion.TLSv1_3 )\n"
                + "then\n  insertLogical( new Classified( \"weak\", $p ) );\nend\n");
        // Both files mention Classified (one inserts, one reads it): both are judged again.
        assertThat(PairEvaluator.sharedCriteria(load(a), load(b))).isEmpty();
    }

    /**
     * A pattern over a supertype reads what the other version derives though the text never names
     * it: {@code Fact()} matches the Classified facts a new file inserts. Shared, the criterion would
     * keep the first version's PASS where the second version fails it.
     */
    @Test
    void aPatternOverASupertypeOfWhatTheOtherVersionDerivesIsNotShared() throws Exception {
        Path a = PolicyFixtures.policy(root, "a", "");
        String labels = "rule \"labels: weak seen\"\nwhen\n  exists Fact( describe() str[endsWith] \"[weak]\" )\n"
                + "then\n  insertLogical( Outcome.fail( drools, \"a fact is labelled weak\" ) );\nend\n"
                + "rule \"labels: none\"\nwhen\n  not Fact( describe() str[endsWith] \"[weak]\" )\n"
                + "then\n  insertLogical( Outcome.pass( drools, \"no fact is labelled weak\" ) );\nend\n";
        PolicyFixtures.criterion(a, "labels", "LABELS", labels);
        Path b = PolicyFixtures.policy(root, "b", "");
        PolicyFixtures.criterion(b, "labels", "LABELS", labels);
        PolicyFixtures.criterion(b, "classify", "CLASSIFY", "rule \"classify: small\"\nwhen\n"
                + "  $c : CipherFact( dhBits != null, dhBits < 2048 )\nthen\n  insertLogical( new Classified( \"weak\", $c ) );\nend\n");
        CompiledPolicy before = load(a);
        CompiledPolicy after = load(b);
        assertThat(PairEvaluator.sharedCriteria(before, after)).doesNotContain("t.labels");

        FactsDocument doc = org.tlsverdict.facts.FactsCodec.parse("""
                {"schema": "tlsverdict/facts/v1", "endpoints": [{"endpoint": {"host": "a.example", "port": 443},
                  "protocols": {"TLSv1.2": "offered"},
                  "ciphers": {"TLSv1.2": [{"iana": "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "dhBits": 1024}]}}]}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "t.json");
        PairEvaluator pair = new PairEvaluator(before, after, RuleCompiler.withoutCache(), CipherRegistry.standard(), AT);
        List<EndpointResult> full = new Evaluator(after, CipherRegistry.standard(), AT).evaluateAll(doc, "x");
        assertThat(verdictOf(full, "LABELS")).isEqualTo(Status.FAIL);
        assertThat(pair.evaluateAll(doc, "x").after()).isEqualTo(full);
    }

    /** Files judged once stay out of the second version only while no remaining rule reads what they insert. */
    @Test
    void aSharedFileWhoseLabelsARemainingRuleReadsIsJudgedAgain() throws Exception {
        Path a = policy("a", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        Path b = policy("b", "insertLogical( new Classified( \"weak\", $c ) );", "1024");
        // A criterion only the second version has reads the labels t.classify inserts: t.classify must stay.
        PolicyFixtures.criterion(b, "count", "COUNT", "rule \"count: weak\"\nwhen\n  exists Classified( label == \"weak\" )\n"
                + "then\n  insertLogical( Outcome.warn( drools, \"weak\" ) );\nend\n");
        assertThat(PairEvaluator.sharedCriteria(load(a), load(b))).containsExactly("t.decide");
    }

    @Test
    void trustedRulesShareNothing() throws Exception {
        Path a = policy("a", "insertLogical( Outcome.fail( drools, \"weak\", $c ) );", "1024");
        RuleCompiler trusted = new RuleCompiler(null, true);
        assertThat(PairEvaluator.sharedCriteria(trusted.compile(PolicyLoader.load(a, root)), trusted.compile(PolicyLoader.load(a, root)))).isEmpty();
        assertThat(PairEvaluator.sharedCriteria(load(a), load(a))).containsExactlyInAnyOrder("t.classify", "t.decide");
    }

    private static Status verdictOf(List<EndpointResult> results, String id) {
        return results.get(0).verdicts().stream().filter(v -> v.criterion().equals(id)).findFirst().orElseThrow().status();
    }

    private CompiledPolicy load(Path dir) throws Exception {
        return RuleCompiler.withoutCache().compile(PolicyLoader.load(dir, root));
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
