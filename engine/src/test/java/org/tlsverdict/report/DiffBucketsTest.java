package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Verdict;

/**
 * The policy pairs the project exists to compare, over every fixture, each version judged in full
 * on its own (not through the diff's shared judging): every endpoint x criterion of either version
 * lands in one bucket and the counts add up, a removed criterion shows its old verdict, and every
 * change is attributed to a rule file that changed.
 */
class DiffBucketsTest {

    private static final Instant AT = Instant.parse("2027-01-01T00:00:00Z");
    static final List<FactsDocument> DOCS = new ArrayList<>();
    static final List<String> LABELS = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        for (List<Path> files : InputFiles.byFolder(List.of(Path.of("fixtures"))).values()) {
            for (Path f : files) {
                DOCS.add(InputReader.read(f, f.toString()));
                LABELS.add(f.toString());
            }
        }
    }

    /** Judgments by policy id: each policy is judged once for all the tests here. */
    static final Map<String, List<EndpointResult>> JUDGED = new java.util.concurrent.ConcurrentHashMap<>();

    static List<EndpointResult> judge(CompiledPolicy p) {
        return JUDGED.computeIfAbsent(p.policy().id(), id -> judgeNow(p));
    }

    private static List<EndpointResult> judgeNow(CompiledPolicy p) {
        Evaluator ev = new Evaluator(p, CipherRegistry.standard(), AT);
        List<EndpointResult> out = new ArrayList<>();
        for (int i = 0; i < DOCS.size(); i++) {
            out.addAll(ev.evaluateAll(DOCS.get(i), LABELS.get(i)));
        }
        return out;
    }

    static String key(EndpointResult r) {
        return r.source() + " " + DiffReport.subject(r);
    }

    @ParameterizedTest
    @CsvSource({"privacyguides-2022, privacyguides-2023", "privacyguides-2023, privacyguides-proposed",
            "mozilla-intermediate-5.7, mozilla-intermediate-6.0", "ncsc-nl-2.1, ncsc-nl-2025-05"})
    void everyVerdictLandsInOneBucketAndEveryChangeIsAttributed(String from, String to) throws Exception {
        RuleCompiler compiler = RuleCompiler.withDefaultCache();
        CompiledPolicy a = compiler.compile(PolicyLoader.load(Path.of("rules", from)));
        CompiledPolicy b = compiler.compile(PolicyLoader.load(Path.of("rules", to)));
        List<EndpointResult> ra = judge(a);
        List<EndpointResult> rb = judge(b);
        DiffReport d = DiffReport.of(a, ra, b, rb, List.of());

        // The total is every endpoint x criterion of either version, counted here from the verdicts.
        Map<String, Set<String>> union = new HashMap<>();
        Map<String, Verdict> old = new HashMap<>();
        for (EndpointResult r : ra) {
            r.verdicts().forEach(v -> {
                union.computeIfAbsent(key(r), k -> new HashSet<>()).add(v.criterion());
                old.put(key(r) + " " + v.criterion(), v);
            });
        }
        rb.forEach(r -> r.verdicts().forEach(v -> union.computeIfAbsent(key(r), k -> new HashSet<>()).add(v.criterion())));
        int total = union.values().stream().mapToInt(Set::size).sum();
        var s = d.summary();
        assertThat(s.total()).isEqualTo(total);
        int sum = 0;
        for (Bucket bucket : Bucket.values()) {
            sum += s.count(bucket);
            if (bucket != Bucket.UNCHANGED) {
                assertThat(d.changes().stream().filter(c -> c.bucket() == bucket).count()).as(bucket.key()).isEqualTo(s.count(bucket));
            }
        }
        assertThat(sum).isEqualTo(total);
        assertThat(d.changes().size() + s.unchanged()).isEqualTo(total);

        // Removed criteria: every old verdict shows, with its status and reason.
        Set<String> removedIds = new HashSet<>();
        a.criteria().forEach(c -> removedIds.add(c.id()));
        b.criteria().forEach(c -> removedIds.remove(c.id()));
        long oldOfRemoved = ra.stream().flatMap(r -> r.verdicts().stream()).filter(v -> removedIds.contains(v.criterion())).count();
        assertThat(s.removed()).isEqualTo(oldOfRemoved);
        for (DiffReport.Change c : d.changes()) {
            if (c.bucket() == Bucket.REMOVED) {
                Verdict v = old.get(c.source() + " " + c.endpoint() + " " + c.criterion());
                assertThat(c.from()).isEqualTo(v.status());
                assertThat(c.fromMessage()).isEqualTo(v.message());
                assertThat(c.to()).isNull();
            }
            assertThat(c.files()).as("%s %s %s is attributed to a changed rule file", c.source(), c.endpoint(), c.criterion()).isNotEmpty();
            assertThat(c.derived()).isNull();
            Set<String> fileKeys = new HashSet<>();
            d.files().forEach(f -> fileKeys.add(f.file()));
            assertThat(fileKeys).containsAll(c.files());
            assertThat(d.criteria().stream().filter(x -> x.criterion().equals(c.criterion())).findFirst()).as(c.criterion())
                    .hasValueSatisfying(x -> assertThat(x.endpoints()).contains(c.endpoint()));
        }

        JsonNode json = FactsCodec.json().readTree(ReportWriter.renderDiff(d, b, Format.json));
        assertThat(SchemaTest.errors(SchemaTest.schema("diff-v1.schema.json"), json)).isEmpty();
        assertThat(d.warnings()).as("versions of one policy share a base").isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theNamedCasesOfTheIssue() throws Exception {
        RuleCompiler compiler = RuleCompiler.withDefaultCache();
        CompiledPolicy moz57 = compiler.compile(PolicyLoader.load(Path.of("rules/mozilla-intermediate-5.7")));
        CompiledPolicy moz60 = compiler.compile(PolicyLoader.load(Path.of("rules/mozilla-intermediate-6.0")));
        DiffReport moz = DiffReport.of(moz57, judge(moz57), moz60, judge(moz60), List.of());
        assertThat(moz.changes()).anySatisfy(c -> {
            assertThat(c.source()).endsWith("port25-debate/mx-port25.json");
            assertThat(c.criterion()).isEqualTo("MOZ-SUITES");
            assertThat(c.bucket()).isEqualTo(Bucket.REASON_CHANGED);
            assertThat(c.files()).containsExactly("rules/mozilla-common/suites-intermediate-5.7/suites.drl -> "
                    + "rules/mozilla-common/suites-intermediate-6.0/suites.drl");
        });
        assertThat(moz.files()).anySatisfy(f -> assertThat(f.diff()).contains(
                "-        \"TLS_DHE_RSA_WITH_AES_256_GCM_SHA384\", \"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256\","));
        assertThat(moz.summary().criteriaEdited()).isPositive();

        CompiledPolicy ncsc21 = compiler.compile(PolicyLoader.load(Path.of("rules/ncsc-nl-2.1")));
        CompiledPolicy ncsc25 = compiler.compile(PolicyLoader.load(Path.of("rules/ncsc-nl-2025-05")));
        DiffReport ncsc = DiffReport.of(ncsc21, judge(ncsc21), ncsc25, judge(ncsc25), List.of());
        assertThat(ncsc.summary().newlyFailing()).isPositive();
        assertThat(ncsc.changes()).allSatisfy(c -> assertThat(c.files()).allMatch(f -> f.contains("rules/ncsc-common/2025-05/")));

        CompiledPolicy pg23 = compiler.compile(PolicyLoader.load(Path.of("rules/privacyguides-2023")));
        CompiledPolicy proposed = compiler.compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        DiffReport debate = DiffReport.of(pg23, judge(pg23), proposed, judge(proposed), List.of());
        assertThat(debate.changes()).anySatisfy(c -> {
            assertThat(c.endpoint()).isEqualTo("mx.port25-debate.test:25");
            assertThat(c.criterion()).isEqualTo("PGP-TLS-VERSION");
            assertThat(c.bucket()).isEqualTo(Bucket.REMOVED);
            assertThat(c.move()).isEqualTo("WARN -> (removed)");
            assertThat(c.files()).containsExactly("rules/privacyguides-2023/tls-version.drl");
        });
        assertThat(debate.changes()).anySatisfy(c -> {
            assertThat(c.endpoint()).isEqualTo("mx.port25-debate.test:25");
            assertThat(c.criterion()).isEqualTo("PGP-TLS-PORT25");
            assertThat(c.bucket()).isEqualTo(Bucket.ADDED);
        });

        // Two unrelated families are compared with a warning.
        DiffReport unrelated = DiffReport.of(moz57, judge(moz57), pg23, judge(pg23), List.of());
        assertThat(unrelated.warnings()).singleElement().asString().contains("share no base");
        assertThat(DiffText.render(unrelated)).contains("warning: mozilla-intermediate-5.7 and privacyguides-2023 share no base");
    }

    /** The same policy on both sides with one verdict moved: no rule file changed, so the change says the facts were derived differently. */
    @org.junit.jupiter.api.Test
    void aChangeNoRuleFileExplainsSaysTheFactsWereDerivedDifferently() throws Exception {
        CompiledPolicy p = RuleCompiler.withDefaultCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-2023")));
        List<EndpointResult> before = judge(p);
        List<EndpointResult> after = new ArrayList<>(before);
        EndpointResult r = after.get(0);
        List<Verdict> vs = new ArrayList<>(r.verdicts());
        Verdict v = vs.get(0);
        vs.set(0, new Verdict(v.criterion(), v.title(), v.level(), v.status(), v.message() + " (moved)", v.expected(), v.evidence(), v.rules()));
        after.set(0, new EndpointResult(r.endpoint(), r.domain(), r.source(), r.status(), List.copyOf(vs)));
        DiffReport d = DiffReport.of(p, before, p, after, List.of());
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.bucket()).isEqualTo(Bucket.REASON_CHANGED);
            assertThat(c.derived()).isTrue();
            assertThat(c.files()).isEmpty();
            assertThat(DiffText.because(d, c)).startsWith("the facts were derived differently");
        });
        assertThat(d.criteria()).isEmpty();
        assertThat(d.summary().reasonChanged() + d.summary().unchanged()).isEqualTo(d.summary().total());
        JsonNode json = FactsCodec.json().readTree(ReportWriter.renderDiff(d, p, Format.json));
        assertThat(SchemaTest.errors(SchemaTest.schema("diff-v1.schema.json"), json)).isEmpty();
    }
}
