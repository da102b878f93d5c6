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
     * problems of the rule and cases files themselves ({@link PolicyLint}), one line each.
     */
    public record Run(List<CaseResult> results, Set<String> firedRules, List<String> missingCases, List<String> lint) {
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
        List<CaseResult> results = new ArrayList<>();
        List<KeptPathCheck.JudgedCase> judged = new ArrayList<>();
        Set<String> fired = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        List<String> lint = new ArrayList<>(PolicyLint.problems(policy.policy()));
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
                missing.add(casesLabel);
                continue;
            }
            CaseFile cases;
            try {
                cases = FactsCodec.yaml().readValue(Files.readAllBytes(casesPath), CaseFile.class);
            } catch (JsonProcessingException e) {
                results.add(new CaseResult(policy.policy().id(), c.id(), casesLabel, "(file)", null, null, null, null,
                        FactsCodec.describeError(e)));
                continue;
            } catch (IOException e) {
                results.add(new CaseResult(policy.policy().id(), c.id(), casesLabel, "(file)", null, null, null, null, e.getMessage()));
                continue;
            }
            for (CaseFile.Case k : cases.cases()) {
                results.add(runCase(policy, registry, c, casesLabel, k, fired, judged, results.size()));
            }
            Set<Status> expected = EnumSet.noneOf(Status.class);
            cases.cases().stream().map(CaseFile.Case::expect).filter(java.util.Objects::nonNull).forEach(expected::add);
            lint.addAll(PolicyLint.caseCoverageProblems(c, casesLabel, expected));
        }
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
                lint.add(policy.policy().label() + "/" + PolicyLoader.MANIFEST + ": the policy it extends could not be compiled"
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
        for (Map.Entry<Integer, String> d : differences.entrySet()) {
            CaseResult r = results.get(d.getKey());
            results.set(d.getKey(), new CaseResult(r.policy(), r.criterion(), r.file(), r.name(), r.expected(), r.actual(),
                    r.expectedMessage(), r.actualMessage(), d.getValue()));
        }
        return new Run(results, fired, missing, List.copyOf(lint));
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
