package org.tlsverdict.policy.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLint;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.RuleFile;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/** Runs every criterion's cases file against a compiled policy, like {@code opa test}. */
public final class CaseRunner {

    /** Cases are judged at a fixed instant so certificate validity does not drift with the calendar. */
    public static final Instant DEFAULT_AT = Instant.parse("2026-01-01T00:00:00Z");

    private CaseRunner() {
    }

    /**
     * {@code firedRules} holds "package/rule name" of every rule any case fired; {@code lint} the
     * problems of the rule and cases files themselves ({@link PolicyLint}), one line each;
     * {@code coverageLint} those of each criterion's cases file as a whole (statuses no case
     * expects) by criterion id, for each criterion whose cases file was read, so that a later
     * {@link #rerun} can take them, with the results, for the criteria it does not judge again.
     */
    public record Run(List<CaseResult> results, Set<String> firedRules, List<String> missingCases, List<String> lint,
                      Map<String, List<String>> coverageLint) {
    }

    public static Run run(CompiledPolicy policy, CipherRegistry registry) {
        return run(policy, registry, result -> null);
    }

    /**
     * As {@link #run(CompiledPolicy, CipherRegistry)}, also holding every case's result to
     * {@code resultCheck} (null when it is fine, else what is wrong: the layers above check how
     * they write results), so a fast path of theirs that goes wrong on this policy fails its cases.
     */
    public static Run run(CompiledPolicy policy, CipherRegistry registry, java.util.function.Function<EndpointResult, String> resultCheck) {
        RuleCompiler compiler = RuleCompiler.withDefaultCache(policy.trustedRules());
        return run(policy, registry, compiler, PairedPathCheck.asDiffJudges(compiler, registry), FreshCompileCheck.FROM_SOURCE, resultCheck);
    }

    /** {@code pairs} judges an extending policy's cases paired with its base (tests break it on purpose). */
    static Run run(CompiledPolicy policy, CipherRegistry registry, RuleCompiler compiler, PairedPathCheck.PairFactory pairs) {
        return run(policy, registry, compiler, pairs, FreshCompileCheck.FROM_SOURCE, result -> null);
    }

    /** {@code recompiler} compiles the policy again without the cache, {@code resultCheck} checks each result (tests break them on purpose). */
    static Run run(CompiledPolicy policy, CipherRegistry registry, RuleCompiler compiler, PairedPathCheck.PairFactory pairs,
                   FreshCompileCheck.Recompiler recompiler, java.util.function.Function<EndpointResult, String> resultCheck) {
        java.util.concurrent.FutureTask<CompiledPolicy> fromSource = FreshCompileCheck.start(policy, recompiler);
        try {
            return runAll(policy, registry, compiler, pairs, fromSource, resultCheck);
        } finally {
            if (fromSource != null) {
                // A run cancelled by the watch's next save leaves no compile behind (Drools may not stop at once).
                fromSource.cancel(true);
            }
        }
    }

    /**
     * The quick re-run of {@code tlsverdict test --watch} after a save: the cases of the criteria
     * {@code judge} selects are judged again in a fresh session, each result held to
     * {@code resultCheck}; every other criterion keeps its results and coverage lint from
     * {@code previous} (the run before the save, of the same rules or of rules that cannot change
     * those verdicts). The other paths (kept and paired sessions, the policy compiled from source)
     * are not taken: the watch follows with a full {@link #run}.
     */
    public static Run rerun(CompiledPolicy policy, CipherRegistry registry, java.util.function.Predicate<Criterion> judge,
                            Run previous, java.util.function.Function<EndpointResult, String> resultCheck) {
        Map<String, List<CaseResult>> kept = new java.util.HashMap<>();
        previous.results().forEach(r -> kept.computeIfAbsent(r.criterion(), k -> new ArrayList<>()).add(r));
        Cases cases = judgeCases(policy, registry, c -> judge.test(c) || !previous.coverageLint().containsKey(c.id()),
                c -> kept.getOrDefault(c.id(), List.of()), previous.coverageLint());
        Map<Integer, String> differences = new java.util.TreeMap<>();
        for (KeptPathCheck.JudgedCase k : cases.judged) {
            String wrong = resultCheck.apply(k.reference());
            if (wrong != null) {
                differences.put(k.index(), wrong);
            }
        }
        return cases.run(differences);
    }

    /** The cases judged in fresh sessions, and what the other paths need to judge them again. */
    private static final class Cases {
        final List<CaseResult> results = new ArrayList<>();
        final List<KeptPathCheck.JudgedCase> judged = new ArrayList<>();
        final Set<String> fired = new TreeSet<>();
        final List<String> missing = new ArrayList<>();
        /** The run's lint is the policy's own ({@code lint}), each criterion's coverage lint in criterion order, then {@code laterLint}. */
        final List<String> lint = new ArrayList<>();
        final Map<String, List<String>> coverageLint = new java.util.LinkedHashMap<>();
        /** What the other paths could not do (a base policy that does not compile). */
        final List<String> laterLint = new ArrayList<>();

        /** The run, with {@code differences} (result index -> what another path found) added to the failures. */
        Run run(Map<Integer, String> differences) {
            for (Map.Entry<Integer, String> d : differences.entrySet()) {
                CaseResult r = results.get(d.getKey());
                results.set(d.getKey(), new CaseResult(r.policy(), r.criterion(), r.file(), r.name(), r.expected(), r.actual(),
                        r.expectedMessage(), r.actualMessage(), d.getValue()));
            }
            List<String> allLint = new ArrayList<>(lint);
            coverageLint.values().forEach(allLint::addAll);
            allLint.addAll(laterLint);
            return new Run(results, fired, missing, List.copyOf(allLint), Map.copyOf(coverageLint));
        }
    }

    private static Run runAll(CompiledPolicy policy, CipherRegistry registry, RuleCompiler compiler, PairedPathCheck.PairFactory pairs,
                              java.util.concurrent.FutureTask<CompiledPolicy> fromSource,
                              java.util.function.Function<EndpointResult, String> resultCheck) {
        Cases cases = judgeCases(policy, registry, c -> true, c -> null, Map.of());
        List<KeptPathCheck.JudgedCase> judged = cases.judged;
        // The cases are judged once more the way evaluate, replay and diff judge, and must come out
        // the same: a fast path that goes wrong on this policy fails its tests, not its users' verdicts.
        Map<Integer, String> differences = new java.util.TreeMap<>(KeptPathCheck.differences(policy, registry, judged));
        // A policy that extends another is also judged paired with it, as diff judges the two.
        Path baseDir = PairedPathCheck.baseDir(policy);
        if (baseDir != null && !judged.isEmpty()) {
            try {
                CompiledPolicy base = PairedPathCheck.compileBase(baseDir, compiler);
                PairedPathCheck.differences(policy, base, base.policy().label(), judged, pairs)
                        .forEach((i, d) -> differences.merge(i, d, (a, b) -> a + "; " + b));
            } catch (PolicyException e) {
                cases.laterLint.add(policy.policy().label() + "/" + PolicyLoader.MANIFEST + ": the policy it extends could not be compiled"
                        + " to judge the cases paired with it, as diff does: " + e.getMessage());
            }
        }
        // Rules read from the compiled-rule cache must judge as the same files compiled from source.
        FreshCompileCheck.differences(registry, judged, fromSource)
                .forEach((i, d) -> differences.merge(i, d, (a, b) -> a + "; " + b));
        for (KeptPathCheck.JudgedCase k : judged) {
            String wrong = resultCheck.apply(k.reference());
            if (wrong != null) {
                differences.merge(k.index(), wrong, (a, b) -> a + "; " + b);
            }
        }
        return cases.run(differences);
    }

    /**
     * Judges the cases of each criterion {@code judge} selects in fresh sessions; for the others,
     * {@code earlier} gives their results (null: judge them after all) and {@code earlierLint} their coverage lint.
     */
    private static Cases judgeCases(CompiledPolicy policy, CipherRegistry registry, java.util.function.Predicate<Criterion> judge,
                                    java.util.function.Function<Criterion, List<CaseResult>> earlier,
                                    Map<String, List<String>> earlierLint) {
        Cases out = new Cases();
        out.lint.addAll(PolicyLint.problems(policy.policy()));
        for (Criterion c : policy.criteria()) {
            RuleFile file = policy.policy().ruleFiles().stream().filter(f -> f.label().equals(c.file())).findFirst().orElse(null);
            if (file == null) {
                continue;
            }
            // An extending policy may give its own cases for an inherited criterion (same file name in
            // its own folder) when its tables change the outcome; otherwise the nearest policy it
            // extends that has them, else the cases beside the criterion, apply.
            Path own = overridingCases(policy.policy().dir(), file);
            boolean overridden = own != null;
            Path casesPath = overridden ? own : casesFileOf(file.path());
            String casesLabel = overridden ? casesLabelOf(policy, own) : casesLabelOf(file.label());
            if (!Files.isRegularFile(casesPath)) {
                out.missing.add(casesLabel);
                continue;
            }
            List<CaseResult> before = judge.test(c) ? null : earlier.apply(c);
            if (before != null && before.stream().allMatch(r -> r.file().equals(casesLabel))) {
                out.results.addAll(before);
                out.coverageLint.put(c.id(), earlierLint.getOrDefault(c.id(), List.of()));
                continue;
            }
            out.coverageLint.put(c.id(), List.of());
            CaseFile cases;
            try {
                cases = FactsCodec.yaml().readValue(Files.readAllBytes(casesPath), CaseFile.class);
            } catch (JsonProcessingException e) {
                out.results.add(new CaseResult(policy.policy().id(), c.id(), casesLabel, "(file)", null, null, null, null,
                        FactsCodec.describeError(e)));
                continue;
            } catch (IOException e) {
                out.results.add(new CaseResult(policy.policy().id(), c.id(), casesLabel, "(file)", null, null, null, null, e.getMessage()));
                continue;
            }
            for (CaseFile.Case k : cases.cases()) {
                stopIfCancelled();
                out.results.add(runCase(policy, registry, c, casesLabel, k, out.fired, out.judged, out.results.size()));
            }
            Set<Status> expected = EnumSet.noneOf(Status.class);
            cases.cases().stream().map(CaseFile.Case::expect).filter(java.util.Objects::nonNull).forEach(expected::add);
            out.coverageLint.put(c.id(), PolicyLint.caseCoverageProblems(c, casesLabel, expected));
        }
        return out;
    }

    /**
     * The cases file for {@code file} in {@code dir} or the nearest policy {@code dir} extends,
     * stopping at the folder the criterion itself is in; null when none of them has one.
     */
    private static Path overridingCases(Path dir, RuleFile file) {
        Path home = file.path().toAbsolutePath().normalize().getParent();
        Set<Path> seen = new java.util.HashSet<>();
        for (Path d = dir; d != null && seen.add(d.toAbsolutePath().normalize()); ) {
            if (d.toAbsolutePath().normalize().equals(home)) {
                return null;
            }
            Path cases = casesFileOf(d.resolve(file.path().getFileName().toString()));
            if (Files.isRegularFile(cases)) {
                return cases;
            }
            try {
                String parent = org.tlsverdict.policy.PolicyLoader.readManifest(d).extendsPolicy();
                d = parent == null ? null : d.resolve(parent).normalize();
            } catch (org.tlsverdict.policy.PolicyException e) {
                return null;
            }
        }
        return null;
    }

    /** The cases file named as the policy's label names its folder ("rules/x/..." for "rules/x"). */
    private static String casesLabelOf(CompiledPolicy policy, Path cases) {
        Path dir = policy.policy().dir().toAbsolutePath().normalize();
        Path rel = dir.relativize(cases.toAbsolutePath().normalize());
        return Path.of(policy.policy().label()).resolve(rel).normalize().toString().replace('\\', '/');
    }

    static CaseResult runCase(CompiledPolicy policy, CipherRegistry registry, Criterion c, String label, CaseFile.Case k,
                              Set<String> fired) {
        return runCase(policy, registry, c, label, k, fired, new ArrayList<>(), 0);
    }

    private static CaseResult runCase(CompiledPolicy policy, CipherRegistry registry, Criterion c, String label, CaseFile.Case k,
                                      Set<String> fired, List<KeptPathCheck.JudgedCase> judged, int index) {
        boolean domainOnly = k.facts() == null && k.domains() != null && k.domains().size() == 1;
        if ((k.facts() == null && !domainOnly) || k.expect() == null) {
            return new CaseResult(policy.policy().id(), c.id(), label, k.name(), k.expect(), null, k.message(), null,
                    "a case needs 'expect' and 'facts' (or, without 'facts', exactly one entry under 'domains')");
        }
        try {
            Instant at = k.at() == null ? DEFAULT_AT : Instant.parse(k.at());
            var domains = k.domains() == null ? List.<org.tlsverdict.facts.DomainFacts>of() : k.domains().stream()
                    .map(d -> d.source() == null ? d.withSource(new Provenance("case", label + "#" + k.name(), null)) : d)
                    .toList();
            Evaluator evaluator = new Evaluator(policy, registry, at);
            EndpointResult r;
            EndpointFacts facts = null;
            if (domainOnly) {
                // A case without endpoint facts judges its one domain on its own (no MX endpoint scanned).
                r = evaluator.evaluateDomain(domains.get(0), label, fired::add);
            } else {
                facts = k.facts().source() == null
                        ? k.facts().withSource(new Provenance("case", label + "#" + k.name(), null)) : k.facts();
                r = evaluator.evaluateReference(facts, label, domains, fired::add);
            }
            judged.add(new KeptPathCheck.JudgedCase(index, facts, domains, label, at, r));
            Verdict v = r.verdicts().stream().filter(x -> x.criterion().equals(c.id())).findFirst().orElseThrow();
            return new CaseResult(policy.policy().id(), c.id(), label, k.name(), k.expect(), v.status(), k.message(),
                    v.message(), null);
        } catch (RuntimeException e) {
            return new CaseResult(policy.policy().id(), c.id(), label, k.name(), k.expect(), null, k.message(), null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Ends a run whose thread was interrupted (the watch of {@code tlsverdict test} cancels its full
     * run when the next save comes), between one case and the next.
     */
    static void stopIfCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("cases run cancelled");
        }
    }

    public static Path casesFileOf(Path drl) {
        String name = drl.getFileName().toString();
        return drl.resolveSibling(name.substring(0, name.length() - ".drl".length()) + ".cases.yaml");
    }

    static String casesLabelOf(String drlLabel) {
        return drlLabel.substring(0, drlLabel.length() - ".drl".length()) + ".cases.yaml";
    }

    public static long count(List<CaseResult> results, boolean passed) {
        return results.stream().filter(r -> r.passed() == passed).count();
    }
}
