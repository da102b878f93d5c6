package org.tlsverdict.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsDocument;

/**
 * Judges the same facts with two versions of a policy, as {@code diff} does, and judges the
 * criteria the versions share only once. Two versions of a policy mostly differ in a few
 * criteria; a criterion whose rule file is the same text in both gets the same verdict from both,
 * provided everything it can see is the same too. So the second version is compiled without those
 * criteria, and their verdicts are taken from the first.
 *
 * <p>What a criterion sees: the input facts, and the facts derived by rules (files without a
 * criterion, and criterion files that insert anything but outcomes). A shared criterion must not
 * match a fact type that the versions may derive differently, as the compiled rules tell
 * ({@link #sharedCriteria}). {@code PairEvaluatorTest} compares the merged results with full
 * judgments for pairs of shipped policies.
 */
public final class PairEvaluator {

    /** One input's results under the first version ({@code before}) and the second ({@code after}). */
    public record Results(List<EndpointResult> before, List<EndpointResult> after) {
    }

    private final CompiledPolicy after;
    private final Evaluator first;
    private final Evaluator second;
    private final Set<String> shared;
    /**
     * Where each criterion of the second version takes its verdict from: index i >= 0 is verdict
     * i of the second version's own results, -1 - i is verdict i of the first version's. Verdicts
     * come in criterion order, so this is worked out once instead of looked up per endpoint.
     */
    private final int[] mergePlan;

    public PairEvaluator(CompiledPolicy before, CompiledPolicy after, RuleCompiler compiler, CipherRegistry registry,
                         Instant at) {
        this.after = after;
        this.first = new Evaluator(before, registry, at);
        // Each policy's files are checked once here for what they insert, not once per question.
        Map<Policy, List<RuleChecker.Insertions>> checked = new IdentityHashMap<>();
        Set<String> candidates = sharedCriteria(before, after, checked);
        CompiledPolicy rest = after;
        if (!candidates.isEmpty()) {
            try {
                rest = compiler.compile(without(after.policy(), withWaivers(after, candidates), checked));
            } catch (PolicyException e) {
                // A remaining file needs one of the shared ones (a function, a declared type): judge in full.
                candidates = Set.of();
            }
        }
        this.shared = candidates;
        this.second = new Evaluator(rest, registry, at);
        this.mergePlan = mergePlan(before, rest, after);
    }

    private static int[] mergePlan(CompiledPolicy before, CompiledPolicy rest, CompiledPolicy after) {
        Map<String, Integer> inBefore = new HashMap<>();
        Map<String, Integer> inRest = new HashMap<>();
        for (int i = 0; i < before.criteria().size(); i++) {
            inBefore.put(before.criteria().get(i).id(), i);
        }
        for (int i = 0; i < rest.criteria().size(); i++) {
            inRest.put(rest.criteria().get(i).id(), i);
        }
        int[] plan = new int[after.criteria().size()];
        for (int i = 0; i < plan.length; i++) {
            String id = after.criteria().get(i).id();
            plan[i] = inRest.containsKey(id) ? inRest.get(id) : -1 - inBefore.get(id);
        }
        return plan;
    }

    /** Packages of the criteria judged once, for tests and for people who wonder. */
    public Set<String> sharedCriteria() {
        return shared;
    }

    public Results evaluateAll(FactsDocument doc, String source) {
        List<EndpointResult> before = first.evaluateAll(doc, source);
        List<EndpointResult> rest = second.evaluateAll(doc, source);
        if (shared.isEmpty()) {
            return new Results(before, rest);
        }
        List<EndpointResult> merged = new ArrayList<>(rest.size());
        for (int i = 0; i < rest.size(); i++) {
            merged.add(merge(before.get(i), rest.get(i)));
        }
        return new Results(before, merged);
    }

    /** The second version's verdicts in its own criterion order, shared ones from the first version. */
    private EndpointResult merge(EndpointResult before, EndpointResult rest) {
        List<Verdict> verdicts = new ArrayList<>(mergePlan.length);
        for (int i = 0; i < mergePlan.length; i++) {
            Verdict v = mergePlan[i] >= 0 ? rest.verdicts().get(mergePlan[i]) : before.verdicts().get(-1 - mergePlan[i]);
            if (!v.criterion().equals(after.criteria().get(i).id())) {
                throw new IllegalStateException("verdicts out of criterion order: " + v.criterion() + " for " + after.criteria().get(i).id());
            }
            verdicts.add(v);
        }
        return new EndpointResult(rest.endpoint(), rest.domain(), rest.source(), EndpointResult.overall(verdicts), List.copyOf(verdicts));
    }

    /** What one package of a version holds and does: its files' texts, the types it reads and inserts. */
    private record Unit(List<String> texts, Set<Class<?>> reads, Set<Class<?>> inserts) {
    }

    /**
     * Criterion packages whose files are equal in both versions and that cannot see a fact the
     * versions derive differently, decided from the compiled rules: the types each package's
     * patterns match ({@link PatternTypes}) and the types its consequences insert (the checked
     * model, {@link RuleChecker#insertions}). A package whose files differ between the versions
     * may derive its types differently; so, in turn, may every package that reads one of them.
     * A criterion that reads none of those types (a pattern over a supertype, such as
     * {@code Fact()}, reads its subtypes) sees the same facts in both versions. It is judged once
     * only if no rule that stays in the second version reads what it inserts. Fails closed: nothing
     * is shared for trusted rules, a pattern or a consequence whose types cannot be told, or a rule
     * that reads outcomes. The watch of {@code tlsverdict test} judges again, after a save, the
     * cases of the criteria not in it (the rules before the save against those after).
     */
    public static Set<String> sharedCriteria(CompiledPolicy a, CompiledPolicy b) {
        return sharedCriteria(a, b, new IdentityHashMap<>());
    }

    private static Set<String> sharedCriteria(CompiledPolicy a, CompiledPolicy b, Map<Policy, List<RuleChecker.Insertions>> checked) {
        if (a.trustedRules() || b.trustedRules()) {
            return Set.of();
        }
        Optional<Map<String, Unit>> unitsA = units(a, checked);
        Optional<Map<String, Unit>> unitsB = units(b, checked);
        if (unitsA.isEmpty() || unitsB.isEmpty()) {
            return Set.of();
        }
        Map<String, Unit> inA = unitsA.get();
        Map<String, Unit> inB = unitsB.get();
        List<Unit> all = new ArrayList<>(inA.values());
        all.addAll(inB.values());
        for (Unit u : all) {
            if (PatternTypes.reads(u.reads(), Set.of(Outcome.class))) {
                return Set.of();
            }
        }
        Set<String> changed = new HashSet<>();
        Set<Class<?>> affected = new HashSet<>();
        Set<String> packages = new TreeSet<>(inA.keySet());
        packages.addAll(inB.keySet());
        for (String pkg : packages) {
            Unit ua = inA.get(pkg);
            Unit ub = inB.get(pkg);
            if (ua == null || ub == null || !ua.texts().equals(ub.texts())) {
                changed.add(pkg);
                derived(ua, affected);
                derived(ub, affected);
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (String pkg : packages) {
                Unit ua = inA.get(pkg);
                Unit ub = inB.get(pkg);
                if (!changed.contains(pkg) && (readsAny(ua, affected) || readsAny(ub, affected))) {
                    changed.add(pkg);
                    derived(ua, affected);
                    derived(ub, affected);
                    grew = true;
                }
            }
        }
        // A waiver file (Waiver) changes the verdicts of the criterion it waives, which reads nothing of it.
        for (String pkg : Set.copyOf(changed)) {
            for (CompiledPolicy p : List.of(a, b)) {
                Criterion waived = p.criteriaByPackage().get(pkg);
                if (waived != null && !waived.packageName().equals(pkg)) {
                    changed.add(waived.packageName());
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (Criterion c : b.criteria()) {
            if (!changed.contains(c.packageName()) && a.criteriaByPackage().containsKey(c.packageName())) {
                out.add(c.packageName());
            }
        }
        // A criterion left out of the second version must not take away what a remaining rule reads.
        for (boolean shrank = true; shrank; ) {
            shrank = false;
            for (String pkg : Set.copyOf(out)) {
                Set<Class<?>> itsFacts = new HashSet<>();
                derived(inB.get(pkg), itsFacts);
                for (Map.Entry<String, Unit> other : inB.entrySet()) {
                    if (!out.contains(other.getKey()) && readsAny(other.getValue(), itsFacts)) {
                        out.remove(pkg);
                        shrank = true;
                        break;
                    }
                }
            }
        }
        return Set.copyOf(out);
    }

    /** Adds what {@code u} inserts, outcomes aside (each criterion reads only its own), to {@code types}. */
    private static void derived(Unit u, Set<Class<?>> types) {
        if (u != null) {
            u.inserts().stream().filter(t -> t != Outcome.class).forEach(types::add);
        }
    }

    private static boolean readsAny(Unit u, Set<Class<?>> types) {
        return u != null && PatternTypes.reads(u.reads(), types);
    }

    /** The packages of a compiled policy; empty when what some package reads or inserts cannot be told. */
    private static Optional<Map<String, Unit>> units(CompiledPolicy p, Map<Policy, List<RuleChecker.Insertions>> checked) {
        Optional<Map<String, Set<Class<?>>>> reads = PatternTypes.byPackage(p.kieBase());
        if (reads.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> texts = new HashMap<>();
        Map<String, Set<Class<?>>> inserts = new HashMap<>();
        for (RuleChecker.Insertions i : insertions(p.policy(), checked)) {
            if (i.types().isEmpty() || i.packageName() == null) {
                return Optional.empty();
            }
            texts.computeIfAbsent(i.packageName(), k -> new ArrayList<>()).add(i.file().text());
            Set<Class<?>> types = inserts.computeIfAbsent(i.packageName(), k -> new HashSet<>());
            for (String name : i.types().get()) {
                try {
                    types.add(Class.forName(name, false, PairEvaluator.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    return Optional.empty();
                }
            }
        }
        Map<String, Unit> out = new HashMap<>();
        for (Map.Entry<String, List<String>> e : texts.entrySet()) {
            List<String> sorted = e.getValue().stream().sorted().toList();
            out.put(e.getKey(), new Unit(sorted, reads.get().getOrDefault(e.getKey(), Set.of()), Set.copyOf(inserts.get(e.getKey()))));
        }
        if (!out.keySet().containsAll(reads.get().keySet().stream().filter(k -> !reads.get().get(k).isEmpty()).toList())) {
            // A compiled package no file declares: the two do not describe the same rules.
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** {@code packages} and the waiver files of those criteria (a waiver without its criterion does not compile). */
    private static Set<String> withWaivers(CompiledPolicy p, Set<String> packages) {
        Set<String> out = new HashSet<>(packages);
        p.criteriaByPackage().forEach((pkg, c) -> {
            if (packages.contains(c.packageName())) {
                out.add(pkg);
            }
        });
        return out;
    }

    private static List<RuleChecker.Insertions> insertions(Policy p, Map<Policy, List<RuleChecker.Insertions>> checked) {
        return checked.computeIfAbsent(p, x -> RuleChecker.insertions(x.ruleFiles()));
    }

    private static Policy without(Policy p, Set<String> packages, Map<Policy, List<RuleChecker.Insertions>> checked) {
        List<RuleFile> files = new ArrayList<>();
        for (RuleChecker.Insertions i : insertions(p, checked)) {
            if (!packages.contains(i.packageName())) {
                files.add(i.file());
            }
        }
        return new Policy(p.manifest(), p.dir(), p.label(), List.copyOf(files));
    }
}
