package org.tlsverdict.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.PolicyManifest;
import org.tlsverdict.policy.RuleCompiler;

/**
 * The ssllabs-caps policy against testssl.sh's own SSL Labs rating, on every saved testssl.sh
 * output under fixtures/ that carries one. The policy judges the imported facts at the time of
 * the scan, so a certificate expired since then is not a difference. For each cap letter the two
 * must agree, or the difference must be recorded in rules/ssllabs-caps/policy.yaml with the source
 * that decides it; a recorded difference that neither these outputs nor the live comparison
 * ({@code TestsslRatingIT}) shows any more fails too.
 */
class TestsslRatingComparisonTest {

    private static final Path POLICY = Path.of("rules/ssllabs-caps");
    private static CompiledPolicy compiled;
    private static PolicyManifest manifest;

    @BeforeAll
    static void compile() throws Exception {
        var policy = PolicyLoader.load(POLICY);
        manifest = policy.manifest();
        compiled = RuleCompiler.withoutCache().compile(policy);
    }

    @Test
    void everyDifferenceFromTestsslsOwnRatingIsRecordedWithTheSourceThatDecides() throws Exception {
        List<TestsslRating.Rated> rated = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(json|csv)")).sorted().toList()) {
                rated.addAll(TestsslRating.read(f));
            }
        }
        assertThat(rated).as("saved testssl.sh outputs with a rating").hasSizeGreaterThanOrEqualTo(6);
        List<TestsslRating.Observed> unexplained = new ArrayList<>();
        Set<PolicyManifest.Difference> seen = new LinkedHashSet<>();
        int agreements = 0;
        for (TestsslRating.Rated r : rated) {
            FactsDocument doc = InputReader.read(Path.of(r.file()), r.file());
            List<EndpointFacts> matching = doc.endpoints().stream()
                    .filter(e -> e.endpoint().port() == r.port() && r.ip().equals(e.endpoint().ip())).toList();
            assertThat(matching).as("imported endpoint %s:%d of %s", r.ip(), r.port(), r.file()).hasSize(1);
            TestsslRating.Compared c = TestsslRating.compare(r,
                    TestsslRating.judge(compiled, matching.get(0), r.scannedAt(), r.file()));
            agreements += c.agreements();
            for (TestsslRating.Observed o : c.differences()) {
                PolicyManifest.Difference d = TestsslRating.recorded(manifest, o);
                if (d == null) {
                    unexplained.add(o);
                } else {
                    seen.add(d);
                }
            }
        }
        System.out.printf("testssl.sh rating vs ssllabs-caps: %d endpoints, %d letter verdicts agree, %d recorded differences%n",
                rated.size(), agreements, seen.size());
        assertThat(unexplained).as("differences from testssl.sh's rating not recorded in %s/policy.yaml", POLICY).isEmpty();
        List<PolicyManifest.Difference> stale = manifest.differences().stream()
                .filter(d -> TestsslRating.AUTHORITY.equals(d.authority()) && !seen.contains(d) && !d.why().contains("TestsslRatingIT"))
                .toList();
        assertThat(stale).as("recorded differences that no saved testssl.sh output shows").isEmpty();
        assertThat(agreements).as("the comparison must compare something").isGreaterThan(rated.size() * 3);
    }

    @Test
    void everyRecordedDifferenceNamesItsDecidingSource() {
        assertThat(manifest.differences()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.decides()).as(d.toString()).startsWith("https://");
            assertThat(d.why()).as(d.toString()).isNotBlank();
            assertThat(d.ours()).as(d.toString()).isIn("PASS", "FAIL", "WARN", "INCONCLUSIVE", "NOT_APPLICABLE", "NOT_JUDGED");
        });
    }
}
