package org.tlsverdict.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * mention a fact type that the versions may derive differently ({@link #sharedCriteria}). {@code PairEvaluatorTest} compares the merged
 * results with full judgments for pairs of shipped policies.
 */
public final class PairEvaluator {

    /** One input's results under the first version ({@code before}) and the second ({@code after}). */
    public record Results(List<EndpointResult> before, List<EndpointResult> after) {
    }

    /** An insertion: of {@code new Type(} (group 1), or of what follows (group 2, "Outcome." for outcomes). */
    private static final Pattern INSERT_NEW = Pattern.compile("\\binsert(?:Logical)?\\s*\\(\\s*(?:new\\s+([\\w.]+)\\s*\\(|(\\S{0,8}))");
    private static final Pattern WAIVES = Pattern.compile("@waives\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern ID = Pattern.compile("@id\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern READS_OUTCOMES = Pattern.compile("(?<![.\\w])(?:Outcome|Object)\\s*\\(");

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
        Set<String> candidates = sharedCriteria(before.policy(), after.policy());
        CompiledPolicy rest = after;
        if (!candidates.isEmpty()) {
            try {
                rest = compiler.compile(without(after.policy(), candidates));
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

    /**
     * Criterion packages whose files are equal in both versions and that cannot see a fact the
     * versions derive differently. The rule files that derive facts and are not the same text in
     * both versions insert some fact types; so, in turn, does every deriving file that mentions one
     * of those types. A criterion that mentions none of them sees the same facts in both versions.
     * Nothing is shared when a rule reads outcomes (or every object), or inserts something other
     * than {@code new Type(...)} or an outcome, since its type cannot be told from the text.
     */
    static Set<String> sharedCriteria(Policy a, Policy b) {
        Map<String, String> criteriaA = new HashMap<>();
        Map<String, String> criteriaB = new HashMap<>();
        Map<String, Integer> derivingA = new TreeMap<>();
        Map<String, Integer> derivingB = new TreeMap<>();
        if (!classify(a, criteriaA, derivingA) || !classify(b, criteriaB, derivingB)) {
            return Set.of();
        }
        Set<String> changed = new HashSet<>();
        Set<String> allDeriving = new HashSet<>(derivingA.keySet());
        allDeriving.addAll(derivingB.keySet());
        Set<String> affected = new HashSet<>();
        for (String text : allDeriving) {
            if (!derivingA.getOrDefault(text, 0).equals(derivingB.getOrDefault(text, 0))) {
                changed.add(text);
                if (!insertedTypes(text, affected)) {
                    return Set.of();
                }
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (String text : allDeriving) {
                if (!changed.contains(text) && mentionsAny(text, affected)) {
                    changed.add(text);
                    grew = true;
                    if (!insertedTypes(text, affected)) {
                        return Set.of();
                    }
                }
            }
        }
        Set<String> out = new HashSet<>();
        criteriaA.forEach((pkg, text) -> {
            if (text.equals(criteriaB.get(pkg)) && !changed.contains(text) && !mentionsAny(text, affected)) {
                out.add(pkg);
            }
        });
        return Set.copyOf(out);
    }

    /** Adds the types {@code text} inserts to {@code types}; false when an insertion's type cannot be told. */
    private static boolean insertedTypes(String text, Set<String> types) {
        Matcher m = INSERT_NEW.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                types.add(m.group(1));
            } else if (!m.group(2).startsWith("Outcome.")) {
                return false;
            }
        }
        return true;
    }

    private static boolean mentionsAny(String text, Set<String> types) {
        for (String t : types) {
            if (Pattern.compile("\\b" + Pattern.quote(t) + "\\b").matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sorts a policy's files into criteria (package to text) and files that derive facts (text
     * to count); false when a rule reads outcomes (or every object), which rules sharing out.
     */
    private static boolean classify(Policy p, Map<String, String> criteria, Map<String, Integer> deriving) {
        // A waiver file (Waiver) concludes only for the criterion it names: it is part of that criterion's text.
        Map<String, TreeSet<String>> waivers = new HashMap<>();
        for (RuleFile f : p.ruleFiles()) {
            Matcher w = WAIVES.matcher(f.withoutComments());
            if (w.find() && !f.text().contains("@id(")) {
                waivers.computeIfAbsent(w.group(1), k -> new TreeSet<>()).add(f.text());
            }
        }
        for (RuleFile f : p.ruleFiles()) {
            String text = f.text();
            if (READS_OUTCOMES.matcher(text).find()) {
                return false;
            }
            if (WAIVES.matcher(f.withoutComments()).find() && !text.contains("@id(")) {
                continue;
            }
            Matcher pkg = RuleCompiler.PACKAGE.matcher(text);
            boolean criterion = text.contains("@id(") && pkg.find();
            if (!criterion || derivesFacts(text)) {
                deriving.merge(text, 1, Integer::sum);
            }
            if (criterion) {
                Matcher id = ID.matcher(f.withoutComments());
                TreeSet<String> w = id.find() ? waivers.get(id.group(1)) : null;
                criteria.put(pkg.group(1), w == null ? text : text + "\n" + String.join("\n", w));
            }
        }
        return true;
    }

    /** Whether a rule file inserts anything but outcomes. */
    static boolean derivesFacts(String text) {
        Matcher m = INSERT_NEW.matcher(text);
        while (m.find()) {
            if (m.group(1) != null || !m.group(2).startsWith("Outcome.")) {
                return true;
            }
        }
        return false;
    }

    private static Policy without(Policy p, Set<String> packages) {
        List<RuleFile> files = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (RuleFile f : p.ruleFiles()) {
            Matcher pkg = RuleCompiler.PACKAGE.matcher(f.text());
            Matcher id = ID.matcher(f.withoutComments());
            if (f.text().contains("@id(") && pkg.find() && packages.contains(pkg.group(1)) && id.find()) {
                ids.add(id.group(1));
            }
        }
        for (RuleFile f : p.ruleFiles()) {
            Matcher pkg = RuleCompiler.PACKAGE.matcher(f.text());
            Matcher waives = WAIVES.matcher(f.withoutComments());
            boolean sharedCriterion = f.text().contains("@id(") && pkg.find() && packages.contains(pkg.group(1));
            // The waiver of a shared criterion goes with it (it would name a criterion no longer there).
            boolean sharedWaiver = !f.text().contains("@id(") && waives.find() && ids.contains(waives.group(1));
            if (!sharedCriterion && !sharedWaiver) {
                files.add(f);
            }
        }
        return new Policy(p.manifest(), p.dir(), p.label(), List.copyOf(files));
    }
}
