package org.tlsverdict.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.TreeCopy;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Policy;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/**
 * {@code tlsverdict test} judges the cases of a policy read (partly) from the compiled-rule cache
 * once more with the same files compiled from source, and fails a case the two judge otherwise.
 */
class FreshCompileCheckTest {

    @TempDir
    Path tmp;

    private final CipherRegistry registry = CipherRegistry.standard();


    private Path proposed() throws IOException {
        for (String d : List.of("common", "mail-dns", "privacyguides-2023", "privacyguides-proposed")) {
            TreeCopy.copy(Path.of("rules", d), tmp.resolve("rules").resolve(d));
        }
        return tmp.resolve("rules/privacyguides-proposed");
    }

    /** What a cache that served a stale piece gives: the files as they are now, rules compiled from their earlier text. */
    private CompiledPolicy staleCache(Path dir) throws Exception {
        Path drl = dir.resolve("tls-mandatory.drl");
        String now = Files.readString(drl);
        String before = now.replace("TlsVersion.SSLv3, TlsVersion.TLSv1_0, TlsVersion.TLSv1_1 ),", "TlsVersion.SSLv3 ),");
        assertThat(before).as("the threshold edited").isNotEqualTo(now);
        Files.writeString(drl, before);
        CompiledPolicy old = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
        Files.writeString(drl, now);
        Policy current = PolicyLoader.load(dir);
        assertThat(current).isNotEqualTo(old.policy());
        return new CompiledPolicy(current, old.kieBase(), old.criteria(), old.criteriaByPackage(), true, old.readsEndpointAddress(),
                old.trustedRules());
    }

    @Test
    void rulesFromTheCacheThatAreNotTheFilesFailTheCasesTheyJudgeOtherwise() throws Exception {
        CaseRunner.Run run = CaseRunner.run(staleCache(proposed()), registry);
        List<String> failures = run.results().stream().filter(r -> !r.passed()).map(CaseResult::describeFailure).toList();
        assertThat(failures).isNotEmpty().anyMatch(f -> f.contains("the rules read from the compiled-rule cache judge otherwise"
                + " than the same files compiled from source") && f.contains("PGP-TLS-MANDATORY: cached ") && f.contains(" | from source "));
    }

    @Test
    void aPolicyCompiledFromSourceInThisRunIsNotCompiledAgain() throws Exception {
        CompiledPolicy stale = staleCache(proposed());
        CompiledPolicy compiledNow = new CompiledPolicy(stale.policy(), stale.kieBase(), stale.criteria(), stale.criteriaByPackage(),
                false, stale.readsEndpointAddress(), stale.trustedRules());
        RuleCompiler compiler = RuleCompiler.withoutCache();
        CaseRunner.Run run = CaseRunner.run(compiledNow, registry, compiler, PairedPathCheck.asDiffJudges(compiler, registry),
                cached -> {
                    throw new AssertionError("compiled again although nothing came from the cache");
                }, result -> null);
        // The stale rules still fail the cases that expect the current threshold, by their expectations alone.
        assertThat(run.results()).anyMatch(r -> !r.passed())
                .noneMatch(r -> !r.passed() && r.describeFailure().contains("compiled-rule cache"));
    }

    @Test
    void aPolicyReadFromARealCacheJudgesAsCompiledFromSource() throws Exception {
        Path dir = proposed();
        RuleCompiler cached = new RuleCompiler(tmp.resolve("cache"));
        CompiledPolicy first = cached.compile(PolicyLoader.load(dir));
        assertThat(first.fromCache()).isFalse();
        Path drl = dir.resolve("tls-mandatory.drl");
        // One file edited: only it is compiled again, the other pieces come from the cache.
        Files.writeString(drl, Files.readString(drl) + "\n");
        CompiledPolicy second = cached.compile(PolicyLoader.load(dir));
        assertThat(second.fromCache()).isTrue();
        int[] recompiled = new int[1];
        CaseRunner.Run run = CaseRunner.run(second, registry, cached, PairedPathCheck.asDiffJudges(cached, registry), p -> {
            recompiled[0]++;
            return FreshCompileCheck.FROM_SOURCE.compile(p);
        }, result -> null);
        assertThat(recompiled[0]).isEqualTo(1);
        assertThat(run.results()).isNotEmpty().allMatch(CaseResult::passed);
    }

    @Test
    void aFailingCheckOfTheResultsFailsEveryCaseItFindsWrong() throws Exception {
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-2023")));
        CaseRunner.Run run = CaseRunner.run(policy, registry,
                result -> result.status() == org.tlsverdict.policy.Status.FAIL ? "written wrong" : null);
        assertThat(run.results()).anyMatch(CaseResult::passed)
                .anyMatch(r -> !r.passed() && r.describeFailure().contains("written wrong"));
    }
}
