package org.tlsverdict.policy;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Java a rule file may hold, read with JavaParser: values (literals, bound variables, accessors
 * of facts, enum constants of the fact model, operators) and, as a consequence, only
 * {@code insertLogical(Outcome.<status>(drools, ...))} or {@code insertLogical(new <derived fact>(...))}.
 * Anything else is refused: this is an allowlist, and what it does not know it refuses.
 */
final class RuleExpressions {

    /** A refusal: what is not allowed and the line in the checked text (1-based). */
    record Refusal(int line, String what) {
    }

    /**
     * Names in scope: the rule's bindings, and the types the file imports (simple name to class
     * name, wildcard packages). {@code inPattern}: bare lower-case names are fields of the pattern's fact.
     */
    record Scope(Set<String> bindings, Map<String, String> imported, Set<String> wildcards, boolean inPattern, boolean inConsequence,
                 String patternType, Set<String> endpointBindings) {
        Scope(Set<String> bindings, Map<String, String> imported, Set<String> wildcards, boolean inPattern, boolean inConsequence) {
            this(bindings, imported, wildcards, inPattern, inConsequence, null, Set.of());
        }

        Scope inPattern(boolean p) {
            return new Scope(bindings, imported, wildcards, p, false, null, endpointBindings);
        }

        /** Inside the constraints of a pattern over {@code type} (a class name). */
        Scope inPattern(String type) {
            return new Scope(bindings, imported, wildcards, true, false, type, endpointBindings);
        }

        Scope forConsequence() {
            return new Scope(bindings, imported, wildcards, false, true, null, endpointBindings);
        }

        Scope withoutImports() {
            return new Scope(bindings, Map.of(), Set.of(), inPattern, inConsequence, patternType, endpointBindings);
        }

        /** With {@code names} bound to Endpoint facts. */
        Scope withEndpointBindings(Set<String> names) {
            return new Scope(bindings, imported, wildcards, inPattern, inConsequence, patternType, Set.copyOf(names));
        }

        /** In an Endpoint pattern, whose fact in the session holds no host or IP. */
        boolean overEndpoint() {
            return inPattern && FactModel.ENDPOINT.equals(patternType);
        }
    }

    /** What an Endpoint pattern may not read: the endpoint's identity is the EndpointAddress fact. */
    static final Set<String> IDENTITY = Set.of("host", "ip", "label");

    /** Why the endpoint's identity cannot be read from an Endpoint, and where it is. */
    static final String IDENTITY_HINT = "(rules see an Endpoint's port, service and transport; match"
            + " EndpointAddress( host, ip ) for which endpoint is judged)";

    /** Where a fact was read is not a fact rules judge, and not in the session. */
    static final String PROVENANCE_READ = "reading `provenance` (rules judge observed values; where each fact was read is kept"
            + " beside the session and shown in the verdict's evidence)";

    /** The refusal of a read of the endpoint's identity through {@code what}. */
    static String identityRead(String what) {
        return "reading " + what + " of an Endpoint " + IDENTITY_HINT;
    }

    private static final int MAX_DEPTH = 64;

    private final FactModel model = FactModel.get();

    /** One parser per checker (JavaParser instances are not thread-safe, and building one is dear). */
    private final JavaParser javaParser = newParser();

    private JavaParser parser() {
        return javaParser;
    }

    private static JavaParser newParser() {
        // Unicode escapes are refused on the raw text before this (RuleChecker), so none reach here.
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(false));
    }

    /** Checks one constraint or eval expression; null when it is allowed. */
    Refusal checkExpression(String drlText, Scope scope) {
        String text = withoutInlineCasts(drlText, scope);
        if (text == null) {
            return new Refusal(1, "the inline cast in `" + shorten(drlText) + "` (only to fact-model types)");
        }
        ParseResult<Expression> r = parser().parseExpression(text);
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            return new Refusal(1, "the expression `" + shorten(text) + "` (not a plain expression)");
        }
        return value(r.getResult().get(), scope, 0);
    }

    private static final java.util.regex.Pattern INLINE_CAST = java.util.regex.Pattern.compile("#\\s*([A-Za-z_][\\w.]*)");

    /**
     * DRL's inline cast ({@code subject#CipherFact.iana}) narrows a field to a subtype; the type must
     * be a fact-model type, then the cast is dropped for the Java check. Null when a cast is to another type.
     * Text inside string literals is left alone.
     */
    private String withoutInlineCasts(String text, Scope scope) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
                out.append(text, i, end);
                i = end;
            } else if (c == '#') {
                java.util.regex.Matcher m = INLINE_CAST.matcher(text).region(i, text.length());
                if (!m.lookingAt()) {
                    return null;
                }
                // The longest dotted prefix that names a fact-model type; what follows is an accessor path.
                String name = m.group(1);
                String type = null;
                for (String candidate = name; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
                    if (resolve(candidate, scope).filter(t -> !FactModel.CONCLUSIONS.contains(t)).isPresent()) {
                        type = candidate;
                        break;
                    }
                    if (candidate.indexOf('.') < 0) {
                        break;
                    }
                }
                if (type == null) {
                    return null;
                }
                i = m.start(1) + type.length();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Checks a consequence; null when it is allowed. */
    Refusal checkConsequence(String text, Scope ruleScope) {
        Scope scope = ruleScope.forConsequence();
        ParseResult<BlockStmt> r = parser().parseBlock("{" + text + "\n}");
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            return new Refusal(1, "a consequence that is not plain insertLogical(...) statements");
        }
        for (Statement s : r.getResult().get().getStatements()) {
            Refusal bad = statement(s, scope);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /**
     * The classes a checked consequence inserts ({@link FactModel#OUTCOME} for outcomes), read from
     * its statements as the check allows them: {@code insertLogical(Outcome.<status>(...))} or
     * {@code insertLogical(new <derived fact>(...))}. Empty when a statement is of another form.
     */
    Optional<Set<String>> insertedTypes(String consequence, Scope ruleScope) {
        Scope scope = ruleScope.forConsequence();
        ParseResult<BlockStmt> r = parser().parseBlock("{" + consequence + "\n}");
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            return Optional.empty();
        }
        Set<String> out = new java.util.HashSet<>();
        for (Statement s : r.getResult().get().getStatements()) {
            if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof MethodCallExpr call)
                    || call.getScope().isPresent() || !call.getNameAsString().equals("insertLogical") || call.getArguments().size() != 1) {
                return Optional.empty();
            }
            Expression arg = call.getArgument(0);
            if (arg instanceof MethodCallExpr outcome && isOutcomeFactory(outcome, scope)) {
                out.add(isWaiverFactory(outcome, scope) ? FactModel.WAIVER : FactModel.OUTCOME);
            } else if (arg instanceof ObjectCreationExpr created) {
                Optional<String> cls = resolve(created.getType().getNameWithScope(), scope);
                if (cls.isEmpty()) {
                    return Optional.empty();
                }
                out.add(cls.get());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(Set.copyOf(out));
    }

    private Refusal statement(Statement s, Scope scope) {
        if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof MethodCallExpr call)
                || call.getScope().isPresent() || !call.getNameAsString().equals("insertLogical") || call.getArguments().size() != 1) {
            return refuse(s, "the statement `" + shorten(s.toString()) + "` (a consequence only does insertLogical(...))");
        }
        Expression arg = call.getArgument(0);
        if (arg instanceof MethodCallExpr outcome && isOutcomeFactory(outcome, scope)) {
            if (outcome.getArguments().isEmpty() || !(outcome.getArgument(0) instanceof NameExpr d) || !d.getNameAsString().equals("drools")) {
                return refuse(outcome, "an Outcome or Waiver without `drools` as its first argument");
            }
            for (int i = 1; i < outcome.getArguments().size(); i++) {
                Refusal bad = value(outcome.getArgument(i), scope, 1);
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }
        if (arg instanceof ObjectCreationExpr created) {
            return derivedFact(created, scope, 1);
        }
        return refuse(arg, "inserting `" + shorten(arg.toString()) + "` (insertLogical takes an Outcome, a Waiver or a derived fact)");
    }

    /** {@code new X(...)}: only derived facts, only in a consequence (constraints create nothing). */
    private Refusal derivedFact(ObjectCreationExpr created, Scope scope, int depth) {
        String type = created.getType().getNameWithScope();
        Optional<String> cls = resolve(type, scope);
        if (!scope.inConsequence() || created.getAnonymousClassBody().isPresent() || created.getScope().isPresent() || cls.isEmpty()
                || !cls.get().startsWith(FactModel.DERIVED + ".") || cls.get().indexOf('$') >= 0) {
            return refuse(created, "creating " + type + " (a consequence creates only Outcomes and derived facts of " + FactModel.DERIVED + ")");
        }
        for (Expression a : created.getArguments()) {
            Refusal bad = value(a, scope, depth + 1);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static boolean isWaiverFactory(MethodCallExpr call, Scope scope) {
        String target = call.getScope().map(Object::toString).orElse("");
        return FactModel.WAIVER.equals(FactModel.CONCLUSIONS.contains(target) ? target : scope.imported().get(target));
    }

    /** {@code Outcome.<status>(...)} or {@code Waiver.warn(...)}, by class name or as imported. */
    private boolean isOutcomeFactory(MethodCallExpr call, Scope scope) {
        if (call.getScope().isEmpty()) {
            return false;
        }
        String target = call.getScope().get().toString();
        String cls = FactModel.CONCLUSIONS.contains(target) ? target : scope.imported().get(target);
        return FactModel.OUTCOME.equals(cls) && FactModel.OUTCOMES.contains(call.getNameAsString())
                || FactModel.WAIVER.equals(cls) && FactModel.WAIVERS.contains(call.getNameAsString());
    }

    /** A value: what a message, an argument or a constraint may compute. */
    private Refusal value(Expression e, Scope scope, int depth) {
        if (depth > MAX_DEPTH) {
            return refuse(e, "an expression nested deeper than " + MAX_DEPTH + " levels");
        }
        if (e instanceof LiteralExpr) {
            return null;
        }
        if (e instanceof ThisExpr t && t.getTypeName().isEmpty() && scope.inPattern()) {
            return scope.overEndpoint() ? refuse(t, identityRead("`this`")) : null;
        }
        if (e instanceof NameExpr n) {
            return name(n, scope);
        }
        if (e instanceof EnclosedExpr en) {
            return value(en.getInner(), scope, depth + 1);
        }
        if (e instanceof UnaryExpr u) {
            return switch (u.getOperator()) {
                case LOGICAL_COMPLEMENT, MINUS, PLUS, BITWISE_COMPLEMENT -> value(u.getExpression(), scope, depth + 1);
                default -> refuse(u, "the operator " + u.getOperator().asString());
            };
        }
        if (e instanceof BinaryExpr b) {
            // Left-deep chains (a + b + c ...) are walked as a loop, so a long message is no deep recursion.
            Expression cur = b;
            while (cur instanceof BinaryExpr bin) {
                Refusal bad = value(bin.getRight(), scope, depth + 1);
                if (bad != null) {
                    return bad;
                }
                cur = bin.getLeft();
            }
            return value(cur, scope, depth + 1);
        }
        if (e instanceof ConditionalExpr c) {
            Refusal bad = value(c.getCondition(), scope, depth + 1);
            bad = bad != null ? bad : value(c.getThenExpr(), scope, depth + 1);
            return bad != null ? bad : value(c.getElseExpr(), scope, depth + 1);
        }
        if (e instanceof FieldAccessExpr f) {
            return fieldAccess(f, scope, depth);
        }
        if (e instanceof MethodCallExpr m) {
            return call(m, scope, depth);
        }
        if (e instanceof ObjectCreationExpr o) {
            return derivedFact(o, scope, depth);
        }
        return refuse(e, what(e));
    }

    private Refusal name(NameExpr n, Scope scope) {
        String id = n.getNameAsString();
        if (scope.endpointBindings().contains(id)) {
            return endpointBinding(n, id);
        }
        if (scope.bindings().contains(id)) {
            return null;
        }
        if (id.equals("drools") || id.equals("kcontext")) {
            return refuse(n, "access to `" + id + "` (the rule engine itself)");
        }
        if (scope.overEndpoint() && IDENTITY.contains(id)) {
            return refuse(n, identityRead("`" + id + "`"));
        }
        if (id.equals("provenance")) {
            return refuse(n, PROVENANCE_READ);
        }
        if (scope.inPattern() && isProperty(id)) {
            return null; // a field of the pattern's fact; Drools refuses names that are not one
        }
        return refuse(n, "the name `" + id + "` (not a variable bound by this rule)");
    }

    /** A variable bound to an Endpoint: its port, service and transport may be read, nothing else. */
    private static Refusal endpointBinding(NameExpr n, String id) {
        Node parent = n.getParentNode().orElse(null);
        String member = null;
        if (parent instanceof FieldAccessExpr fa && fa.getScope() == n) {
            member = fa.getNameAsString();
        } else if (parent instanceof MethodCallExpr mc && mc.getScope().orElse(null) == n) {
            member = mc.getNameAsString();
        }
        if (member == null) {
            return refuse(n, identityRead("the whole fact `" + id + "`"));
        }
        if (IDENTITY.contains(member) || member.equals("toString")) {
            return refuse(n, identityRead("`" + id + "." + member + "`"));
        }
        return null;
    }

    private Refusal fieldAccess(FieldAccessExpr f, Scope scope, int depth) {
        String text = f.toString();
        int dot = text.lastIndexOf('.');
        Optional<String> type = resolve(text.substring(0, dot), scope);
        if (type.isPresent() && model.isEnumConstant(type.get(), f.getNameAsString())) {
            return null;
        }
        if (isPackageLike(f, scope)) {
            return refuse(f, "the fully qualified name `" + text + "`");
        }
        // An accessor path (MVEL property access: $c.cipher.iana, cipher.iana) over a value.
        Expression root = f;
        while (root instanceof FieldAccessExpr fa) {
            if (fa.getNameAsString().equals("provenance")) {
                return refuse(f, PROVENANCE_READ);
            }
            if (!isProperty(fa.getNameAsString())) {
                return refuse(f, "the property `" + fa.getNameAsString() + "` in `" + shorten(text) + "`");
            }
            root = fa.getScope();
        }
        if (root instanceof NameExpr n && !scope.bindings().contains(n.getNameAsString()) && !scope.inPattern()) {
            return refuse(f, "the name `" + text + "` (not a variable bound by this rule)");
        }
        if (root instanceof NameExpr n && Character.isUpperCase(n.getNameAsString().charAt(0)) && !scope.bindings().contains(n.getNameAsString())) {
            return refuse(f, "the name `" + text + "` (only enum constants of the fact model)");
        }
        return value(root, scope, depth + 1);
    }

    /**
     * A property a constraint may read: MVEL turns {@code x.name} into {@code getName()},
     * {@code isName()} or {@code name()}, so the name must be one of those accessors; any other
     * getter of any reachable class ({@code declaringClass.classLoader}) is refused.
     */
    private boolean isProperty(String name) {
        if (name.isEmpty() || !Character.isLowerCase(name.charAt(0))) {
            return false;
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return model.isAccessor(name) || model.isAccessor("get" + cap) || model.isAccessor("is" + cap);
    }

    /**
     * {@code java.lang.Runtime}, {@code java.io.File.separator}: a dotted name (names only, no calls)
     * whose root is not a binding and which reaches a capitalised segment, i.e. a class.
     */
    private static boolean isPackageLike(Expression e, Scope scope) {
        Expression root = e;
        while (root instanceof FieldAccessExpr fa) {
            root = fa.getScope();
        }
        if (!(root instanceof NameExpr n) || !(e instanceof FieldAccessExpr) || scope.bindings().contains(n.getNameAsString())) {
            return false;
        }
        for (String part : e.toString().split("\\.")) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                return true;
            }
        }
        return false;
    }

    private Refusal call(MethodCallExpr m, Scope scope, int depth) {
        String name = m.getNameAsString();
        if (name.equals("provenance")) {
            return refuse(m, PROVENANCE_READ);
        }
        if (m.getScope().isEmpty()) {
            if (!scope.inPattern() || !model.isAccessor(name)) {
                return refuse(m, "the call " + name + "(...)");
            }
            if (scope.overEndpoint() && IDENTITY.contains(name)) {
                return refuse(m, identityRead("`" + name + "()`"));
            }
            // A method of the pattern's own fact, e.g. CaaFact( hasTag( "issue" ) ).
            return arguments(m, scope, depth);
        }
        // The receiver first, so that a refusal names where a chain leaves the fact model
        // (Runtime.getRuntime, not the exec at its end).
        Expression target = m.getScope().get();
        if (target instanceof NameExpr n && !scope.bindings().contains(n.getNameAsString())
                && (Character.isUpperCase(n.getNameAsString().charAt(0)) || resolve(n.getNameAsString(), scope).isPresent())) {
            return refuse(m, "the static call " + target + "." + name + "(...)");
        }
        if (isPackageLike(target, scope)) {
            return refuse(m, "the call " + target + "." + name + "(...) (fully qualified name)");
        }
        Refusal bad = value(target, scope, depth + 1);
        if (bad != null) {
            return bad;
        }
        if (!model.isAccessor(name)) {
            return refuse(m, "the method " + name + "(...)");
        }
        if (m.getTypeArguments().isPresent()) {
            return refuse(m, "type arguments on " + name);
        }
        return arguments(m, scope, depth);
    }

    private Refusal arguments(MethodCallExpr m, Scope scope, int depth) {
        Refusal bad = null;
        for (int i = 0; bad == null && i < m.getArguments().size(); i++) {
            bad = value(m.getArgument(i), scope, depth + 1);
        }
        return bad;
    }

    /** The fact-model or Outcome class a type name means under the file's imports. */
    Optional<String> resolve(String name, Scope scope) {
        if (FactModel.CONCLUSIONS.contains(name)) {
            return Optional.of(name);
        }
        for (String pkg : model.packages()) {
            if (name.startsWith(pkg + ".")) {
                Optional<String> t = model.type(pkg, name.substring(pkg.length() + 1));
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String rest = name.substring(first.length());
        String imported = scope.imported().get(first);
        if (imported != null) {
            if (FactModel.CONCLUSIONS.contains(imported)) {
                return rest.isEmpty() ? Optional.of(imported) : Optional.empty();
            }
            return resolve(imported + rest, scope.withoutImports());
        }
        for (String pkg : scope.wildcards()) {
            Optional<String> t = model.type(pkg, name);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private static String what(Expression e) {
        String kind = e.getClass().getSimpleName().replaceAll("Expr$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return "the " + kind + " `" + shorten(e.toString()) + "`";
    }

    private static Refusal refuse(Node n, String what) {
        return new Refusal(n.getBegin().map(p -> p.line).orElse(1), what);
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
