package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.TreeCopy;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.cases.CaseResult;
import org.tlsverdict.policy.cases.CaseRunner;

/**
 * The re-runs of {@code test --watch} driven save by save, without watching folders: the quick
 * re-run prints what the save changed, the full run after it prints only what it finds beyond
 * that, and the next save cancels a full run still going.
 */
class TestWatchTest {

    static final long LIMIT_S = 120;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path policy() throws Exception {
        for (String d : List.of("common", "mail-dns", "privacyguides-2023", "rfc9325")) {
            TreeCopy.copy(Path.of("rules", d), tmp.resolve("rules").resolve(d));
        }
        return tmp.resolve("rules/privacyguides-2023");
    }

    /** A watch of the policies in {@code dirs}, each compiled and run in full as the first run of the command does. */
    private TestWatch watch(TestWatch.FullRun full, Path... dirs) throws Exception {
        Map<Path, CompiledPolicy> compiled = new java.util.LinkedHashMap<>();
        Map<Path, CaseRunner.Run> runs = new java.util.HashMap<>();
        for (Path dir : dirs) {
            CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            compiled.put(dir, policy);
            runs.put(dir, CaseRunner.run(policy, CipherRegistry.standard()));
        }
        return new TestWatch(compiled, runs, false, new PrintWriter(out, true), new PrintWriter(err, true), full);
    }

    /** The real full run, each policy's id added to {@code ids} as it starts. */
    private static TestWatch.FullRun recording(List<String> ids) {
        return p -> {
            ids.add(p.policy().id());
            return CaseRunner.run(p, CipherRegistry.standard());
        };
    }

    private static void await(StringWriter w, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_S);
        while (!w.toString().contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' within " + LIMIT_S + " s; got:\n" + w).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void theFullRunAfterASavePrintsWhatItFindsBeyondTheQuickRerun() throws Exception {
        Path dir = policy();
        // A full run whose kept session judges one case otherwise, as a Drools bug would show.
        TestWatch watch = watch(p -> {
            CaseRunner.Run run = CaseRunner.run(p, CipherRegistry.standard());
            List<CaseResult> results = new ArrayList<>(run.results());
            CaseResult r = results.stream().filter(x -> x.criterion().equals("PGP-NO-VULNS")).findFirst().orElseThrow();
            results.set(results.indexOf(r), new CaseResult(r.policy(), r.criterion(), r.file(), r.name(), r.expected(), r.actual(),
                    r.expectedMessage(), r.actualMessage(), "the kept session differs"));
            return new CaseRunner.Run(results, run.firedRules(), run.missingCases(), run.lint(), run.coverageLint());
        }, dir);
        Path cases = dir.resolve("no-vulns.cases.yaml");
        Files.writeString(cases, Files.readString(cases).replaceFirst("expect: PASS", "expect: FAIL"));

        List<String> quick = watch.after(Set.of(cases));
        assertThat(quick).anyMatch(l -> l.contains("no-vulns.cases.yaml") && l.contains("passed -> FAILED"))
                .noneMatch(l -> l.contains("the kept session differs"));
        watch.printed();
        await(out, "no-vulns.cases.yaml: checked on every path:");
        await(out, "the kept session differs");
        assertThat(out.toString()).doesNotContain("passed -> FAILED (" + dir.resolve("no-vulns.cases.yaml"));
    }

    @Test
    void aFullRunWithNothingBeyondTheQuickRerunSaysSoOnStderr() throws Exception {
        Path dir = policy();
        TestWatch watch = watch(p -> CaseRunner.run(p, CipherRegistry.standard()), dir);
        Path drl = dir.resolve("no-vulns.drl");
        Files.writeString(drl, Files.readString(drl).replace("none vulnerable\"", "none found vulnerable\""));

        List<String> quick = watch.after(Set.of(drl));
        assertThat(quick).isNotEmpty().allMatch(l -> l.contains("no-vulns.cases.yaml") && l.contains("passed -> FAILED"));
        watch.printed();
        await(err, "no-vulns.drl: checked on every path (kept and paired sessions, compiled from source): no further change");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theNextSaveCancelsAFullRunStillGoingAndItPrintsNothing() throws Exception {
        Path dir = policy();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        TestWatch watch = watch(p -> {
            started.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            throw new AssertionError("not cancelled");
        }, dir);
        Path cases = dir.resolve("no-vulns.cases.yaml");
        String text = Files.readString(cases);
        Files.writeString(cases, text.replaceFirst("expect: PASS", "expect: FAIL"));
        assertThat(watch.after(Set.of(cases))).anyMatch(l -> l.contains("passed -> FAILED"));
        watch.printed();
        assertThat(started.await(LIMIT_S, TimeUnit.SECONDS)).isTrue();

        Files.writeString(cases, text);
        assertThat(watch.after(Set.of(cases))).anyMatch(l -> l.contains("-> passed"));
        assertThat(out.toString() + err).doesNotContain("checked on every path").doesNotContain("error");
    }

    @Test
    void aPolicyWhoseFullRunWasCancelledIsCheckedByTheNextOne() throws Exception {
        Path pg = policy();
        Path rfc = tmp.resolve("rules/rfc9325");
        CountDownLatch firstStarted = new CountDownLatch(1);
        List<String> fullyRun = java.util.Collections.synchronizedList(new ArrayList<>());
        TestWatch.FullRun full = p -> {
            if (firstStarted.getCount() > 0) {
                firstStarted.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
            }
            return recording(fullyRun).of(p);
        };
        TestWatch watch = watch(full, pg, rfc);

        Path pgCases = pg.resolve("no-vulns.cases.yaml");
        Files.writeString(pgCases, Files.readString(pgCases).replaceFirst("expect: PASS", "expect: FAIL"));
        assertThat(watch.after(Set.of(pgCases))).isNotEmpty().allMatch(l -> l.startsWith("privacyguides-2023: "));
        watch.printed();
        assertThat(firstStarted.await(LIMIT_S, TimeUnit.SECONDS)).isTrue();

        Path rfcCases;
        try (var files = Files.list(rfc)) {
            rfcCases = files.filter(f -> f.toString().endsWith(".cases.yaml")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(rfcCases, Files.readString(rfcCases) + "\n");
        assertThat(watch.after(Set.of(rfcCases))).isEmpty();
        watch.printed();
        await(err, "checked on every path (kept and paired sessions, compiled from source): no further change");
        assertThat(fullyRun).containsExactlyInAnyOrder("privacyguides-2023", "rfc9325");
    }

    @Test
    void aSaveInAFolderTwoPoliciesShareRejudgesBothAndBothAreCheckedInFull() throws Exception {
        Path pg = policy();
        Path rfc = tmp.resolve("rules/rfc9325");
        List<String> fullyRun = java.util.Collections.synchronizedList(new ArrayList<>());
        TestWatch watch = watch(recording(fullyRun), pg, rfc);
        // A file both policies include.
        Path grades = tmp.resolve("rules/common/suite-grades.drl");
        assertThat(PolicyLoader.load(pg).ruleFiles()).anyMatch(f -> f.path().equals(grades));
        assertThat(PolicyLoader.load(rfc).ruleFiles()).anyMatch(f -> f.path().equals(grades));
        Files.writeString(grades, Files.readString(grades) + "\n// saved again\n");

        List<String> quick = watch.after(Set.of(grades));
        assertThat(quick).as("a comment changes no verdict").isEmpty();
        watch.printed();
        await(err, "suite-grades.drl: checked on every path (kept and paired sessions, compiled from source): no further change");
        assertThat(fullyRun).containsExactlyInAnyOrder("privacyguides-2023", "rfc9325");
    }

    @Test
    void aRuleFileThatDoesNotCompileGetsItsLineAndTheNextSaveIsJudgedAgainstTheRulesBeforeIt() throws Exception {
        Path dir = policy();
        TestWatch watch = watch(p -> CaseRunner.run(p, CipherRegistry.standard()), dir);
        Path drl = dir.resolve("no-vulns.drl");
        String text = Files.readString(drl);
        Files.writeString(drl, text.replace("when\n    $v : Vulnerability(", "when\n    $v : Vulnerability( (("));
        assertThat(watch.after(Set.of(drl))).singleElement().asString().contains("no-vulns.drl");
        watch.printed();

        Files.writeString(drl, text.replace("none vulnerable\"", "none found vulnerable\""));
        assertThat(watch.after(Set.of(drl))).isNotEmpty().allMatch(l -> l.contains("no-vulns.cases.yaml") && l.contains("passed -> FAILED"));
        watch.printed();
        await(err, "no-vulns.drl: checked on every path (kept and paired sessions, compiled from source): no further change");
        assertThat(out.toString()).doesNotContain("error");
    }
}
