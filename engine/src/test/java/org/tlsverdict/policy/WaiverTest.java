package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.VulnStatus;
import org.tlsverdict.facts.Vulnerability;

/** A waiver file softens one inherited criterion: FAIL to WARN on the evidence it covers, nothing else. */
class WaiverTest {

    @TempDir
    Path root;

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** A base policy whose VULNS fails on every vulnerable finding, and one extending it with a waiver for SWEET32. */
    private Path[] policies(String waiverBody) throws Exception {
        Path base = PolicyFixtures.policy(root, "base", "");
        PolicyFixtures.criterion(base, "vulns", "VULNS", """
                rule "vulns: vulnerable"
                when
                    $v : Vulnerability( status == VulnStatus.VULNERABLE )
                then
                    insertLogical( Outcome.fail( drools, $v.name() + " reported", $v ) );
                end
                rule "vulns: none"
                when
                    not Vulnerability( status == VulnStatus.VULNERABLE )
                then
                    insertLogical( Outcome.pass( drools, "none" ) );
                end
                """);
        Path ext = PolicyFixtures.policy(root, "ext", "extends: ../base\n");
        Files.writeString(ext.resolve("vulns-sweet32-waiver.drl"), "package t.vulns_sweet32_waiver;\n" + PolicyFixtures.HEADER
                + "import org.tlsverdict.policy.Waiver;\n" + waiverBody);
        return new Path[] {base, ext};
    }

    private static final String WAIVER = """
            rule "vulns-sweet32-waiver"
                @waives("VULNS")
                @expect("no vulnerable finding; SWEET32 warns")
            when
            then
            end
            rule "vulns: SWEET32 tolerated"
            when
                $v : Vulnerability( name == "SWEET32", status == VulnStatus.VULNERABLE )
            then
                insertLogical( Waiver.warn( drools, "tolerated here", $v ) );
            end
            """;

    private static Verdict judge(CompiledPolicy p, String... vulnerable) {
        List<Vulnerability> vs = java.util.Arrays.stream(vulnerable).map(n -> new Vulnerability(n, VulnStatus.VULNERABLE, null, null)).toList();
        EndpointFacts facts = new EndpointFacts(new Endpoint("mx.test", null, 25, Service.SMTP, null), null, null, null, null, null, vs, null);
        Evaluator e = new Evaluator(p, CipherRegistry.standard(), AT);
        Verdict fast = e.evaluate(facts, "t.json").verdicts().get(0);
        assertThat(e.evaluateReference(facts, "t.json", List.of(), null).verdicts().get(0)).isEqualTo(fast);
        return fast;
    }

    @Test
    void aCoveredFailBecomesAWarnNamedAfterTheWaiverAndTheExpectationIsAmended() throws Exception {
        Path[] p = policies(WAIVER);
        CompiledPolicy base = RuleCompiler.withoutCache().compile(PolicyLoader.load(p[0]));
        CompiledPolicy ext = RuleCompiler.withoutCache().compile(PolicyLoader.load(p[1]));
        assertThat(judge(base, "SWEET32").status()).isEqualTo(Status.FAIL);
        Verdict waived = judge(ext, "SWEET32");
        assertThat(waived.status()).isEqualTo(Status.WARN);
        assertThat(waived.message()).isEqualTo("SWEET32 reported; tolerated here");
        assertThat(waived.rules()).containsExactly("vulns: SWEET32 tolerated");
        assertThat(waived.expected()).isEqualTo("no vulnerable finding; SWEET32 warns");
        assertThat(waived.evidence()).singleElement().satisfies(ev -> assertThat(ev.observed()).contains("SWEET32"));
        // A finding the waiver does not cover still fails; a pass stays a pass.
        Verdict both = judge(ext, "SWEET32", "ROBOT");
        assertThat(both.status()).isEqualTo(Status.FAIL);
        assertThat(both.message()).isEqualTo("ROBOT reported");
        assertThat(judge(ext).status()).isEqualTo(Status.PASS);
    }

    @Test
    void misusedWaiversAreRefusedNamingTheFile() throws Exception {
        Path[] unknown = policies(WAIVER.replace("@waives(\"VULNS\")", "@waives(\"NOPE\")"));
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(unknown[1])))
                .hasMessageContaining("vulns-sweet32-waiver.drl: @waives(NOPE), which is not a criterion of this policy");
        Files.delete(unknown[1].resolve("vulns-sweet32-waiver.drl"));
        Path[] noExpect = policies(WAIVER.replace("@expect(\"no vulnerable finding; SWEET32 warns\")", ""));
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(noExpect[1])))
                .hasMessageContaining("needs @expect");
        Path[] concludes = policies(WAIVER.replace("Waiver.warn( drools, \"tolerated here\", $v )", "Outcome.pass( drools, \"fine\", $v )"));
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(concludes[1])))
                .hasMessageContaining("a waiver file concludes only Waiver.warn(...), not outcomes");
        // Only warn exists: a waiver cannot make a PASS or hide a finding.
        Path[] pass = policies(WAIVER.replace("Waiver.warn(", "Waiver.pass("));
        assertThat(RuleChecker.refusals(PolicyLoader.load(pass[1]).ruleFiles())).isNotEmpty();
        // A criterion file may not conclude waivers (for itself or another criterion).
        Path own = PolicyFixtures.policy(root, "own", "");
        Files.writeString(own.resolve("x.drl"), "package t.x;\n" + PolicyFixtures.HEADER + "import org.tlsverdict.policy.Waiver;\n" + """
                rule "x"
                    @id("X") @title("T") @level("MUST") @source("https://example.org")
                when
                then
                end
                rule "x: w"
                when
                    $v : Vulnerability()
                then
                    insertLogical( Waiver.warn( drools, "r", $v ) );
                end
                """);
        assertThatThrownBy(() -> RuleCompiler.withoutCache().compile(PolicyLoader.load(own)))
                .hasMessageContaining("Waiver.warn(...) outside a waiver file");
    }

    @Test
    void theLintAcceptsAWaiverFileAndChecksItsMetadata() {
        String text = "package t.vulns_sweet32_waiver;\n" + WAIVER;
        assertThat(PolicyLint.fileProblems("vulns-sweet32-waiver.drl", "vulns-sweet32-waiver", text)).isEmpty();
        assertThat(PolicyLint.fileProblems("vulns-sweet32-waiver.drl", "vulns-sweet32-waiver", text.replace("@expect(", "@level(")))
                .anyMatch(l -> l.contains("missing @expect"))
                .anyMatch(l -> l.contains("unknown metadata @level in a waiver file"));
    }

    @Test
    void aDiffJudgesTheWaivedCriterionAgainAndSharesItWhenBothVersionsWaiveItAlike() throws Exception {
        Path[] p = policies(WAIVER);
        Policy ext = PolicyLoader.load(p[1]);
        CompiledPolicy base = RuleCompiler.withoutCache().compile(PolicyLoader.load(p[0]));
        CompiledPolicy compiled = RuleCompiler.withoutCache().compile(ext);
        // The waived criterion's own file is the same text in both versions: the waiver alone makes it differ.
        assertThat(PairEvaluator.sharedCriteria(base, compiled)).isEmpty();
        assertThat(PairEvaluator.sharedCriteria(compiled, compiled)).containsExactly("t.vulns");
        // Shared with its waiver, the second version compiles without both and takes the verdict from the first.
        PairEvaluator same = new PairEvaluator(compiled, compiled, RuleCompiler.withoutCache(), CipherRegistry.standard(), AT);
        assertThat(same.sharedCriteria()).containsExactly("t.vulns");
        // The diff names the waiver as a file the criterion depends on.
        Map<String, List<CriterionSources.Dependency>> deps = CriterionSources.of(ext, compiled.criteria());
        assertThat(deps.get("VULNS")).extracting(d -> d.file().path().getFileName().toString())
                .containsExactly("vulns.drl", "vulns-sweet32-waiver.drl");
    }
}
