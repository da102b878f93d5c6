package org.tlsverdict.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.QueryElement;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The fact types the compiled rules of a policy match on, per package: every pattern of every
 * rule's conditions, nested ones included ({@code not}, {@code exists}, {@code forall},
 * {@code collect}, {@code accumulate}). Read from the Rete's rule definitions, so a type is what
 * Drools resolved it to, not a name in the text. A pattern over an interface or a supertype
 * ({@code Fact()}) reads every type assignable to it, see {@link #reads}.
 */
final class PatternTypes {

    private PatternTypes() {
    }

    /**
     * Package name to the classes its rules' patterns match; empty when some pattern is not over a
     * Java class (a declared or prototype type) or calls a query, whose reads cannot be told.
     */
    static Optional<Map<String, Set<Class<?>>>> byPackage(KieBase kieBase) {
        Map<String, Set<Class<?>>> out = new HashMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            Set<Class<?>> types = out.computeIfAbsent(p.getName(), k -> new HashSet<>());
            for (Rule r : p.getRules()) {
                if (!(r instanceof RuleImpl rule) || !collect(rule.getLhs(), types)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out);
    }

    /** Whether some rule of {@code kieBase} matches facts of {@code type}; true when that cannot be told. */
    static boolean anyRuleReads(KieBase kieBase, Class<?> type) {
        Optional<Map<String, Set<Class<?>>>> all = byPackage(kieBase);
        if (all.isEmpty()) {
            return true;
        }
        for (Set<Class<?>> types : all.get().values()) {
            if (reads(types, Set.of(type))) {
                return true;
            }
        }
        return false;
    }

    /** Whether patterns over {@code patternTypes} can match a fact of one of {@code factTypes}. */
    static boolean reads(Set<Class<?>> patternTypes, Set<Class<?>> factTypes) {
        for (Class<?> p : patternTypes) {
            for (Class<?> f : factTypes) {
                if (p.isAssignableFrom(f)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean collect(RuleConditionElement e, Set<Class<?>> out) {
        if (e == null) {
            return true;
        }
        if (e instanceof QueryElement) {
            return false;
        }
        if (e instanceof Pattern p) {
            if (!(p.getObjectType() instanceof ClassObjectType c)) {
                return false;
            }
            out.add(c.getClassType());
            if (p.getSource() != null && !collect(p.getSource(), out)) {
                return false;
            }
        }
        for (RuleConditionElement nested : e.getNestedElements()) {
            if (nested != e && !collect(nested, out)) {
                return false;
            }
        }
        return true;
    }
}
