package org.tlsverdict.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.TreeCopy;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/**
 * The quick re-run of {@code test --watch} ({@link CaseRunner#rerun}): the criteria it selects are
 * judged again from their cases files as they are now, the others keep their results and coverage
 * lint from the run before; and a full run stops between cases when its thread is interrupted.
 */
class CaseRerunTest {

    @TempDir
    Path tmp;

    private final CipherRegistry registry = CipherRegistry.standard();

    private Path policy() throws IOException {
        for (String d : List.of("common", "mail-dns", "privacyguides-2023")) {
            TreeCopy.copy(Path.of("rules", d), tmp.resolve("rules").resolve(d));
        }
        return tmp.resolve("rules/privacyguides-2023");
    }

    private static CompiledPolicy compile(Path dir) throws Exception {
        return RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
    }

    private static List<String> failures(CaseRunner.Run run) {
        return run.results().stream().filter(r -> !r.passed()).map(CaseResult::describeFailure).toList();
    }

    /** Every PASS case of the no-vulns criterion now expects FAIL: they fail, and no case expects PASS any more. */
    private static void breakNoVulnsCases(Path dir) throws IOException {
        Path cases = dir.resolve("no-vulns.cases.yaml");
        String text = Files.readString(cases);
        assertThat(text).contains("expect: PASS");
        Files.writeString(cases, text.replace("expect: PASS", "expect: FAIL"));
    }

    @Test
    void aSelectedCriterionIsJudgedFromItsCasesFileAsItIsNowAndTheOthersKeepTheirResults() throws Exception {
        Path dir = policy();
        CompiledPolicy policy = compile(dir);
        CaseRunner.Run first = CaseRunner.run(policy, registry);
        assertThat(failures(first)).isEmpty();
        assertThat(first.lint()).isEmpty();
        breakNoVulnsCases(dir);

        CaseRunner.Run notSelected = CaseRunner.rerun(policy, registry, c -> false, first, r -> null);
        assertThat(notSelected.results()).as("nothing judged again: the results of the run before").isEqualTo(first.results());
        assertThat(notSelected.lint()).isEmpty();

        CaseRunner.Run selected = CaseRunner.rerun(policy, registry, c -> c.id().equals("PGP-NO-VULNS"), first, r -> null);
        assertThat(failures(selected)).isNotEmpty().allMatch(f -> f.contains("no-vulns.cases.yaml"));
        assertThat(selected.lint()).singleElement().asString().contains("PGP-NO-VULNS has no case expecting PASS");
        assertThat(selected.results().stream().filter(r -> !r.criterion().equals("PGP-NO-VULNS")).toList())
                .isEqualTo(first.results().stream().filter(r -> !r.criterion().equals("PGP-NO-VULNS")).toList());

        // The coverage lint of a criterion not judged again is the one its last judgement found.
        CaseRunner.Run after = CaseRunner.rerun(policy, registry, c -> false, selected, r -> null);
        assertThat(after.lint()).isEqualTo(selected.lint());
        assertThat(after.results()).isEqualTo(selected.results());
        // And the full run agrees with the two re-runs.
        CaseRunner.Run full = CaseRunner.run(policy, registry);
        assertThat(full.results()).isEqualTo(selected.results());
        assertThat(full.lint()).isEqualTo(selected.lint());
    }

    @Test
    void reRunningEveryCriterionGivesTheResultsOfTheFreshSessionsOfAFullRun() throws Exception {
        CompiledPolicy policy = compile(policy());
        CaseRunner.Run first = CaseRunner.run(policy, registry);
        CaseRunner.Run again = CaseRunner.rerun(policy, registry, c -> true, first, r -> null);
        assertThat(again.results()).isEqualTo(first.results());
        assertThat(again.missingCases()).isEqualTo(first.missingCases());
        assertThat(again.lint()).isEqualTo(first.lint());
        // What the result check says of a result is a failure of the case, as in a full run.
        CaseRunner.Run checked = CaseRunner.rerun(policy, registry, c -> c.id().equals("PGP-NO-VULNS"), first,
                r -> "the JSON writers disagree");
        assertThat(failures(checked)).isNotEmpty().allMatch(f -> f.contains("no-vulns.cases.yaml") && f.contains("the JSON writers disagree"));
    }

    @Test
    void aCriterionTheRunBeforeDidNotJudgeIsJudgedWhateverIsSelected() throws Exception {
        Path dir = policy();
        Path cases = dir.resolve("no-vulns.cases.yaml");
        String text = Files.readString(cases);
        Files.delete(cases);
        CompiledPolicy policy = compile(dir);
        CaseRunner.Run first = CaseRunner.run(policy, registry);
        assertThat(first.missingCases()).singleElement().asString().endsWith("no-vulns.cases.yaml");
        Files.writeString(cases, text);
        CaseRunner.Run again = CaseRunner.rerun(policy, registry, c -> false, first, r -> null);
        assertThat(again.missingCases()).isEmpty();
        assertThat(again.results()).anyMatch(r -> r.criterion().equals("PGP-NO-VULNS") && r.passed());
        assertThat(again.results()).isEqualTo(CaseRunner.run(policy, registry).results());
    }

    @Test
    void aRuleChangeLeavesUnchangedOnlyTheCriteriaThatCannotSeeIt() throws Exception {
        Path dir = policy();
        CompiledPolicy before = compile(dir);
        Path drl = dir.resolve("no-vulns.drl");
        Files.writeString(drl, Files.readString(drl).replace("none vulnerable\"", "none found vulnerable\""));
        CompiledPolicy after = compile(dir);
        Set<String> unchanged = PairEvaluator.sharedCriteria(before, after);
        String noVulns = after.criteria().stream().filter(c -> c.id().equals("PGP-NO-VULNS")).findFirst().orElseThrow().packageName();
        assertThat(unchanged).doesNotContain(noVulns).hasSize(after.criteria().size() - 1);

        CaseRunner.Run first = CaseRunner.run(before, registry);
        CaseRunner.Run quick = CaseRunner.rerun(after, registry, c -> !unchanged.contains(c.packageName()), first, r -> null);
        assertThat(quick.results()).isEqualTo(CaseRunner.run(after, registry).results());
    }

    @Test
    void aFullRunOnAnInterruptedThreadStopsBetweenCases() throws Exception {
        CompiledPolicy policy = compile(policy());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> CaseRunner.run(policy, registry)).isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(failures(CaseRunner.run(policy, registry))).isEmpty();
    }
}
