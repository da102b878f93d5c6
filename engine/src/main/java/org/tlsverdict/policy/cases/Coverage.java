package org.tlsverdict.policy.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;

/**
 * Rule coverage of a policy's cases, like {@code opa test --coverage}: criteria on which no case
 * made any rule conclude, and rules (criterion or shared) that no case ever fired. A criterion's
 * metadata rule has an empty condition and always fires, so it does not count.
 */
public record Coverage(List<String> criteriaNeverFired, List<String> rulesNeverFired) {

    public static Coverage of(CompiledPolicy policy, Set<String> fired) {
        List<String> criteria = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (KiePackage p : policy.kieBase().getKiePackages()) {
            Criterion c = policy.criteriaByPackage().get(p.getName());
            boolean anyFired = false;
            List<String> names = new ArrayList<>();
            for (Rule r : p.getRules()) {
                if (c != null && r.getName().equals(c.rule())) {
                    continue;
                }
                names.add(r.getName());
            }
            for (String name : names.stream().sorted().toList()) {
                if (fired.contains(p.getName() + "/" + name)) {
                    anyFired = true;
                } else {
                    rules.add((c == null ? p.getName() : c.file()) + ": " + name);
                }
            }
            if (c != null && !anyFired) {
                criteria.add(c.id() + " (" + c.file() + ")");
            }
        }
        return new Coverage(criteria.stream().sorted().toList(), rules.stream().sorted().toList());
    }
}
