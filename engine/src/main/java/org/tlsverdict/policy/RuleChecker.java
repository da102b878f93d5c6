package org.tlsverdict.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.kie.api.io.Resource;
import org.kie.internal.io.ResourceFactory;

/**
 * Keeps rule files data-like: a rule file is parsed with Drools' own DRL parser and every part of
 * the parsed model (imports, attributes, metadata, patterns, constraints, consequences) is checked
 * against an allowlist before anything is compiled. A policy change from anyone can then be judged
 * (test, evaluate, replay, diff) without running code its author wrote. What the allowlist does
 * not know is refused, one line per finding: {@code file:line: <what> is not allowed in a rule file}.
 *
 * <p>The same parsed model is what gets compiled ({@link RuleCompiler}), so the checker and the
 * compiler never read two different parses of one file.
 */
public final class RuleChecker {

    /** Part of the compiled-rule cache key: an entry compiled under an older, looser check is not reused. */
    public static final String VERSION = "rule-checker-2";

    static final int MAX_FILE_CHARS = 256 * 1024;
    static final int MAX_EXPRESSION_CHARS = 4000;
    static final int MAX_NESTING = 32;

    /** The documented accumulate functions (docs/security.md); custom accumulate code is refused. */
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average", "collectList", "collectSet");

    /** What an accumulate function returns (java.lang types need no import). */
    private static final Set<String> RESULT_TYPES = Set.of("Number", "Long", "Integer", "Double",
            "java.lang.Number", "java.lang.Long", "java.lang.Integer", "java.lang.Double");

    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "matches", "contains",
            "memberOf", "excludes", "soundslike", "str");

    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\[^u])*\"|-?\\d+(?:\\.\\d+)?|true|false");

    /** Java reads {@code \}{@code uXXXX} anywhere, comments and strings included, before anything else. */
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u");

    /** A parsed rule file with what the check found; {@code descr} is null when it could not be parsed. */
    public record Checked(RuleFile file, PackageDescr descr, List<String> refusals) {
    }

    private final RuleExpressions expressions = new RuleExpressions();
    private final FactModel model = FactModel.get();

    /** Parses and checks {@code file}. Runs on a thread with a large stack: deep input is refused, not a crash. */
    public static Checked check(RuleFile file) {
        return checkAll(List.of(file)).get(0);
    }

    /**
     * Parses and checks each file, in order, on one thread with a large stack (deep input is refused,
     * not a crash) and one checker, so that the parsers are built once per policy.
     */
    public static List<Checked> checkAll(List<RuleFile> files) {
        List<Checked> out = new ArrayList<>();
        Thread t = new Thread(null, () -> {
            RuleChecker checker = new RuleChecker();
            for (RuleFile file : files) {
                out.add(checker.checkOne(file));
            }
        }, "rule-check", 256L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = out.size(); i < files.size(); i++) {
            out.add(new Checked(files.get(i), null, List.of(files.get(i).label() + ":1: the rule check did not finish on this file")));
        }
        return out;
    }

    private Checked checkOne(RuleFile file) {
        try {
            return run(file);
        } catch (StackOverflowError e) {
            return new Checked(file, null, List.of(file.label() + ":1: a rule file nested too deeply to check is not allowed in a rule file"));
        } catch (RuntimeException | LinkageError e) {
            if (Boolean.getBoolean("tlsverdict.debug")) {
                e.printStackTrace();
            }
            // Fail closed: a file the checker cannot read is not compiled.
            return new Checked(file, null, List.of(file.label() + ":1: the rule check failed on this file (" + e + ")"));
        }
    }

    /**
     * What a rule file inserts: its package, and the classes its consequences insert
     * ({@link FactModel#OUTCOME} for outcomes); {@code types} is empty when the file is refused or
     * a consequence is of a form the check does not know, so callers can fail closed.
     */
    record Insertions(RuleFile file, String packageName, Optional<Set<String>> types) {
    }

    /** How many files' insertions are remembered: a watch or a daemon asks again about the same files. */
    private static final int REMEMBERED_INSERTIONS = 512;

    /** Insertions by file (path, label and text): the check of one file depends on nothing else. */
    private static final Map<RuleFile, Insertions> INSERTIONS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RuleFile, Insertions> eldest) {
                    return size() > REMEMBERED_INSERTIONS;
                }
            });

    /**
     * The insertions of each file, in order, read from the same checked model that is compiled;
     * a file asked about before (same path, label and text) is not parsed again.
     */
    static List<Insertions> insertions(List<RuleFile> files) {
        Map<RuleFile, Insertions> found = new HashMap<>();
        List<RuleFile> missing = new ArrayList<>();
        for (RuleFile f : files) {
            Insertions known = INSERTIONS.get(f);
            if (known != null) {
                found.put(f, known);
            } else if (!found.containsKey(f) && !missing.contains(f)) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            RuleChecker checker = new RuleChecker();
            for (Checked c : checkAll(missing)) {
                Insertions i = checker.insertionsOf(c);
                found.put(c.file(), i);
                INSERTIONS.put(c.file(), i);
            }
        }
        List<Insertions> out = new ArrayList<>();
        files.forEach(f -> out.add(found.get(f)));
        return out;
    }

    private Insertions insertionsOf(Checked c) {
        if (c.descr() == null || !c.refusals().isEmpty()) {
            return new Insertions(c.file(), c.descr() == null ? null : c.descr().getName(), Optional.empty());
        }
        RuleExpressions.Scope fileScope = imports(c.descr(), new Findings(c.file().label()));
        Set<String> types = new HashSet<>();
        for (RuleDescr rule : c.descr().getRules()) {
            if (rule.getConsequence() == null) {
                continue;
            }
            if (!(rule.getConsequence() instanceof String cons)) {
                return new Insertions(c.file(), c.descr().getName(), Optional.empty());
            }
            if (cons.isBlank()) {
                continue;
            }
            Optional<Set<String>> inserted = expressions.insertedTypes(cons, fileScope);
            if (inserted.isEmpty()) {
                return new Insertions(c.file(), c.descr().getName(), Optional.empty());
            }
            types.addAll(inserted.get());
        }
        return new Insertions(c.file(), c.descr().getName(), Optional.of(Set.copyOf(types)));
    }

    /** Every refusal of the given files, in file order; empty when all may be compiled. */
    public static List<String> refusals(List<RuleFile> files) {
        List<String> out = new ArrayList<>();
        for (Checked c : checkAll(files)) {
            out.addAll(c.refusals());
        }
        return out;
    }

    private Checked run(RuleFile file) {
        parsedConstraints.clear();
        Findings found = new Findings(file.label());
        String text = file.text();
        if (text.length() > MAX_FILE_CHARS) {
            found.add(1, "a file of more than " + MAX_FILE_CHARS + " characters");
            return found.done(file, null);
        }
        rawText(text, found);
        if (!found.isEmpty()) {
            return found.done(file, null);
        }
        PackageDescr pkg;
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        try {
            Resource r = ResourceFactory.newByteArrayResource(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            r.setSourcePath(file.label());
            pkg = parser.parse(r, text);
        } catch (DroolsParserException e) {
            found.addRaw(1, e.getMessage());
            return found.done(file, null);
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError e : parser.getErrors()) {
                int line = e instanceof ParserError pe ? pe.getRow() : (e.getLines() != null && e.getLines().length > 0 ? e.getLines()[0] : 1);
                found.addRaw(line, e.getMessage());
            }
            if (found.isEmpty()) {
                found.addRaw(1, "cannot be parsed");
            }
            return found.done(file, null);
        }
        packageLevel(pkg, found);
        RuleExpressions.Scope fileScope = imports(pkg, found);
        for (RuleDescr rule : pkg.getRules()) {
            rule(rule, fileScope, text, found);
        }
        return found.done(file, pkg);
    }

    /** What must be refused before parsing: Unicode escapes, and nesting deep enough to exhaust a parser. */
    private static void rawText(String text, Findings found) {
        Matcher u = UNICODE_ESCAPE.matcher(text);
        if (u.find()) {
            found.add(lineOf(text, u.start()), "a Unicode escape (\\u....)");
        }
        String code = RuleFile.code(text);
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    found.add(lineOf(code, i), "nesting deeper than " + MAX_NESTING + " brackets");
                    return;
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
    }

    private void packageLevel(PackageDescr pkg, Findings found) {
        pkg.getFunctions().forEach(f -> found.add(f.getLine(), "a function (" + f.getName() + ")"));
        pkg.getGlobals().forEach(g -> found.add(g.getLine(), "a global (" + g.getIdentifier() + ")"));
        pkg.getTypeDeclarations().forEach(d -> found.add(d.getLine(), "a declare (" + d.getTypeName() + ")"));
        pkg.getEnumDeclarations().forEach(d -> found.add(d.getLine(), "a declare enum (" + d.getTypeName() + ")"));
        pkg.getEntryPointDeclarations().forEach(d -> found.add(d.getLine(), "an entry-point declaration"));
        pkg.getWindowDeclarations().forEach(d -> found.add(d.getLine(), "a window declaration"));
        pkg.getFunctionImports().forEach(d -> found.add(d.getLine(), "an import function (" + d.getTarget() + ")"));
        pkg.getAccumulateImports().forEach(d -> found.add(d.getLine(), "an import accumulate (" + d.getTarget() + ")"));
        if (pkg.getUnit() != null) {
            found.add(pkg.getUnit().getLine(), "a rule unit");
        }
        for (AttributeDescr a : pkg.getAttributes()) {
            attribute(a, found);
        }
    }

    private static void attribute(AttributeDescr a, Findings found) {
        String value = a.getValue() == null ? "" : a.getValue().replace("\"", "").strip();
        if (a.getName().equals("dialect")) {
            if (!value.equals("java")) {
                found.add(a.getLine(), "the dialect \"" + value + "\" (Java dialect only)");
            }
        } else if (!a.getName().equals("no-loop")) {
            found.add(a.getLine(), "the attribute " + a.getName());
        }
    }

    private RuleExpressions.Scope imports(PackageDescr pkg, Findings found) {
        Map<String, String> imported = new HashMap<>();
        Set<String> wildcards = new LinkedHashSet<>();
        for (ImportDescr i : pkg.getImports()) {
            String target = i.getTarget().strip();
            if (target.endsWith(".*")) {
                String p = target.substring(0, target.length() - 2);
                if (model.packages().contains(p)) {
                    wildcards.add(p);
                    continue;
                }
            } else {
                String simple = target.substring(target.lastIndexOf('.') + 1);
                if (FactModel.CONCLUSIONS.contains(target) || FactModel.VALUE_TYPES.contains(target)
                        || expressions.resolve(target, new RuleExpressions.Scope(Set.of(), Map.of(), Set.of(), false, false)).isPresent()) {
                    imported.put(simple, target);
                    continue;
                }
            }
            found.add(i.getLine(), "the import " + target + " (only the fact model, derived facts, Outcome, Waiver and java.util collections)");
        }
        return new RuleExpressions.Scope(Set.of(), Map.copyOf(imported), Set.copyOf(wildcards), false, false);
    }

    private void rule(RuleDescr rule, RuleExpressions.Scope fileScope, String text, Findings found) {
        if (rule.isQuery()) {
            found.add(rule.getLine(), "a query (" + rule.getName() + ")");
            return;
        }
        if (rule.getUnit() != null) {
            found.add(rule.getLine(), "a rule unit");
        }
        for (AttributeDescr a : rule.getAttributes().values()) {
            attribute(a, found);
        }
        for (AnnotationDescr a : rule.getAnnotations()) {
            for (Object v : a.getValueMap().values()) {
                if (v == null || !LITERAL.matcher(v.toString().strip()).matches()) {
                    found.add(a.getLine() > 0 ? a.getLine() : rule.getLine(), "the metadata value @" + a.getName() + "(" + RuleExpressions.shorten(String.valueOf(v)) + ") (literals only)");
                }
            }
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            found.add(rule.getLine(), "a named consequence (then[...])");
        }
        Set<String> bindings = new HashSet<>();
        bindings(rule.getLhs(), bindings);
        Set<String> endpoints = new HashSet<>();
        endpointBindings(rule.getLhs(), fileScope, endpoints);
        RuleExpressions.Scope scope = new RuleExpressions.Scope(Set.copyOf(bindings), fileScope.imported(), fileScope.wildcards(), false, false)
                .withEndpointBindings(endpoints);
        lhs(rule.getLhs(), scope, found);
        Object consequence = rule.getConsequence();
        if (consequence == null) {
            return;
        }
        if (!(consequence instanceof String cons)) {
            found.add(rule.getConsequenceLine(), "a consequence that is not Java text");
            return;
        }
        int start = consequenceStart(text, rule.getConsequenceLine(), cons);
        if (cons.length() > MAX_EXPRESSION_CHARS) {
            found.add(start, "a consequence of more than " + MAX_EXPRESSION_CHARS + " characters");
            return;
        }
        RuleExpressions.Refusal r = expressions.checkConsequence(cons, scope);
        if (r != null) {
            found.add(start + r.line() - 1, r.what());
        }
    }

    /** The consequence text starts on the {@code then} line or on the first line after it that holds code. */
    private static int consequenceStart(String text, int thenLine, String cons) {
        String first = cons.strip().lines().findFirst().orElse("").strip();
        String[] lines = text.split("\n", -1);
        for (int i = Math.max(0, thenLine - 1); i < lines.length; i++) {
            if (!first.isEmpty() && lines[i].contains(first)) {
                return i + 1;
            }
        }
        return Math.max(1, thenLine);
    }

    private void bindings(BaseDescr d, Set<String> out) {
        if (d instanceof PatternDescr p) {
            if (p.getIdentifier() != null) {
                out.add(p.getIdentifier());
            }
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    ConstraintConnectiveDescr parsed = parseConstraint(e.getExpression());
                    if (parsed != null) {
                        constraintBindings(parsed, out);
                    }
                }
            }
            if (p.getSource() instanceof AccumulateDescr acc) {
                acc.getFunctions().forEach(f -> {
                    if (f.getBind() != null) {
                        out.add(f.getBind());
                    }
                });
                bindings(acc.getInput(), out);
            } else if (p.getSource() instanceof CollectDescr col) {
                bindings(col.getInputPattern(), out);
            }
        } else if (d instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce) {
            for (Object o : ce.getDescrs()) {
                bindings((BaseDescr) o, out);
            }
        }
    }

    /** The variables bound to whole Endpoint facts (whose host is not in the session). */
    private void endpointBindings(BaseDescr d, RuleExpressions.Scope fileScope, Set<String> out) {
        if (d instanceof PatternDescr p) {
            if (p.getIdentifier() != null && FactModel.ENDPOINT.equals(expressions.resolve(p.getObjectType(), fileScope).orElse(null))) {
                out.add(p.getIdentifier());
            }
            if (p.getSource() instanceof AccumulateDescr acc) {
                endpointBindings(acc.getInput(), fileScope, out);
            } else if (p.getSource() instanceof CollectDescr col) {
                endpointBindings(col.getInputPattern(), fileScope, out);
            }
        } else if (d instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce) {
            for (Object o : ce.getDescrs()) {
                endpointBindings((BaseDescr) o, fileScope, out);
            }
        }
    }

    private static void constraintBindings(BaseDescr d, Set<String> out) {
        if (d instanceof BindingDescr b) {
            out.add(b.getVariable());
        } else if (d instanceof ConstraintConnectiveDescr c) {
            c.getDescrs().forEach(x -> constraintBindings(x, out));
        } else if (d instanceof RelationalExprDescr r) {
            constraintBindings(r.getLeft(), out);
            constraintBindings(r.getRight(), out);
        }
    }

    /** Constraints are read twice (bindings first, then the check); parsed once. */
    private final Map<String, ConstraintConnectiveDescr> parsedConstraints = new HashMap<>();

    private ConstraintConnectiveDescr parseConstraint(String text) {
        if (text == null || text.length() > MAX_EXPRESSION_CHARS) {
            return null;
        }
        if (parsedConstraints.containsKey(text)) {
            return parsedConstraints.get(text);
        }
        DrlExprParser p = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        ConstraintConnectiveDescr out = p.parse(text);
        out = p.hasErrors() ? null : out;
        parsedConstraints.put(text, out);
        return out;
    }

    private void lhs(BaseDescr d, RuleExpressions.Scope scope, Findings found) {
        if (d == null) {
            return;
        }
        if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr || d instanceof ForallDescr) {
            for (Object o : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                lhs((BaseDescr) o, scope, found);
            }
        } else if (d instanceof PatternDescr p) {
            pattern(p, scope, found);
        } else if (d instanceof EvalDescr e) {
            String content = String.valueOf(e.getContent());
            expression(content, e.getLine(), scope, found, "an eval");
        } else {
            found.add(d.getLine(), "the condition element " + d.getClass().getSimpleName().replace("Descr", "").toLowerCase());
        }
    }

    private void pattern(PatternDescr p, RuleExpressions.Scope scope, Findings found) {
        BaseDescr source = p.getSource();
        boolean collection = source instanceof CollectDescr || source instanceof AccumulateDescr;
        String type = p.getObjectType();
        boolean known = expressions.resolve(type, scope).filter(c -> !FactModel.CONCLUSIONS.contains(c)).isPresent()
                || (collection && (FactModel.VALUE_TYPES.contains(type) || FactModel.VALUE_TYPES.contains(scope.imported().getOrDefault(type, ""))
                        || RESULT_TYPES.contains(type)));
        if (!known) {
            found.add(p.getLine(), "a pattern over " + type + " (only fact-model and derived fact types)");
        }
        if (p.isQuery()) {
            found.add(p.getLine(), "a query call (" + type + ")");
        }
        if (!p.getAnnotations().isEmpty()) {
            found.add(p.getLine(), "an annotation on a pattern");
        }
        if (!p.getBehaviors().isEmpty()) {
            found.add(p.getLine(), "a window (over ...)");
        }
        String resolved = expressions.resolve(type, scope).orElse(null);
        RuleExpressions.Scope inPattern = scope.inPattern(resolved);
        for (BaseDescr c : p.getDescrs()) {
            if (!(c instanceof ExprConstraintDescr e)) {
                found.add(c.getLine() > 0 ? c.getLine() : p.getLine(), "the constraint " + c.getClass().getSimpleName());
                continue;
            }
            int line = e.getLine() > 0 ? e.getLine() : p.getLine();
            String text = e.getExpression();
            if (text.length() > MAX_EXPRESSION_CHARS) {
                found.add(line, "a constraint of more than " + MAX_EXPRESSION_CHARS + " characters");
                continue;
            }
            ConstraintConnectiveDescr parsed = parseConstraint(text);
            if (parsed == null) {
                found.add(line, "the constraint `" + RuleExpressions.shorten(text) + "` (cannot be read)");
                continue;
            }
            constraint(parsed, line, inPattern, found);
        }
        if (source == null) {
            return;
        }
        if (source instanceof CollectDescr col) {
            if (FactModel.ENDPOINT.equals(expressions.resolve(col.getInputPattern().getObjectType(), scope).orElse(null))) {
                found.add(p.getLine(), "collecting whole Endpoint facts " + RuleExpressions.IDENTITY_HINT);
            }
            pattern(col.getInputPattern(), scope, found);
        } else if (source instanceof AccumulateDescr acc) {
            if (!acc.isExternalFunction() && (acc.getInitCode() != null || acc.getActionCode() != null
                    || acc.getReverseCode() != null || acc.getResultCode() != null)) {
                found.add(acc.getLine() > 0 ? acc.getLine() : p.getLine(), "accumulate with init/action/result code");
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                    found.add(p.getLine(), "the accumulate function " + f.getFunction());
                }
                for (String param : f.getParams()) {
                    expression(param, p.getLine(), scope, found, "an accumulate argument");
                }
            }
            lhs(acc.getInput(), scope, found);
        } else if (source instanceof FromDescr from) {
            expression(from.getDataSource() == null ? "" : from.getDataSource().getText(), p.getLine(), scope, found, "a from source");
        } else {
            found.add(p.getLine(), "the pattern source " + source.getClass().getSimpleName().replace("Descr", "").toLowerCase());
        }
    }

    private void constraint(BaseDescr d, int line, RuleExpressions.Scope scope, Findings found) {
        if (d instanceof ConstraintConnectiveDescr c) {
            c.getDescrs().forEach(x -> constraint(x, line, scope, found));
        } else if (d instanceof RelationalExprDescr r) {
            if (!OPERATORS.contains(r.getOperator())) {
                found.add(line, "the operator " + r.getOperator());
            }
            constraint(r.getLeft(), line, scope, found);
            constraint(r.getRight(), line, scope, found);
        } else if (d instanceof BindingDescr b) {
            expression(b.getExpression(), line, scope, found, "a binding");
        } else if (d instanceof AtomicExprDescr a) {
            if (!a.isLiteral()) {
                expression(a.getExpression(), line, scope, found, "a constraint");
            }
        } else {
            found.add(line, "the constraint part " + d.getClass().getSimpleName());
        }
    }

    private void expression(String text, int line, RuleExpressions.Scope scope, Findings found, String where) {
        if (text == null || text.isBlank()) {
            found.add(line, "an empty " + where.replaceFirst("^an? ", ""));
            return;
        }
        if (text.length() > MAX_EXPRESSION_CHARS) {
            found.add(line, where + " of more than " + MAX_EXPRESSION_CHARS + " characters");
            return;
        }
        RuleExpressions.Refusal r = expressions.checkExpression(text, scope);
        if (r != null) {
            found.add(line + r.line() - 1, r.what());
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The refusals of one file, each once, in line order. */
    private static final class Findings {
        private final String label;
        private final Map<String, Integer> lines = new java.util.LinkedHashMap<>();

        Findings(String label) {
            this.label = label;
        }

        void add(int line, String what) {
            addRaw(line, what + " is not allowed in a rule file");
        }

        void addRaw(int line, String message) {
            lines.putIfAbsent(label + ":" + Math.max(1, line) + ": " + message.replaceAll("\\s+", " ").strip(), Math.max(1, line));
        }

        boolean isEmpty() {
            return lines.isEmpty();
        }

        Checked done(RuleFile file, PackageDescr pkg) {
            List<String> out = lines.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
            return new Checked(file, pkg, out);
        }
    }
}
