package org.tlsverdict.policy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.tlsverdict.facts.Fact;

/**
 * What a rule file may name (see {@link RuleChecker}): the types of the fact model and of the
 * derived facts (records, enums and {@link Fact}s of {@code org.tlsverdict.facts} and
 * {@code org.tlsverdict.facts.derived}), their accessors, {@link Outcome}, and a few methods of
 * the value types those accessors return. Read from the classes themselves, so a new accessor
 * needs no change here.
 */
final class FactModel {

    static final String FACTS = "org.tlsverdict.facts";
    static final String DERIVED = "org.tlsverdict.facts.derived";
    static final String OUTCOME = Outcome.class.getName();
    static final String WAIVER = Waiver.class.getName();
    /** What a consequence concludes (never a fact a pattern may match): outcomes and waivers. */
    static final Set<String> CONCLUSIONS = Set.of(OUTCOME, WAIVER);
    static final String ENDPOINT = org.tlsverdict.facts.Endpoint.class.getName();

    /** Collection types a {@code collect} or {@code accumulate} may produce, importable by name. */
    static final Set<String> VALUE_TYPES = Set.of("java.util.List", "java.util.Set", "java.util.Collection");

    /** Methods of String, List, Integer, enums and Instant that read and never act. */
    private static final Set<String> VALUE_METHODS = Set.of(
            "equals", "equalsIgnoreCase", "isEmpty", "isBlank", "length", "size", "substring", "startsWith",
            "endsWith", "contains", "indexOf", "toLowerCase", "toUpperCase", "strip", "trim", "charAt",
            "compareTo", "get", "name", "ordinal", "toString", "intValue", "longValue", "isBefore", "isAfter",
            "getEpochSecond");

    /** The Outcome factories: the only static calls a consequence may make. */
    static final Set<String> OUTCOMES = Set.of("pass", "fail", "warn", "notApplicable", "inconclusive");

    /** The Waiver factories (a waiver only softens a FAIL to a WARN). */
    static final Set<String> WAIVERS = Set.of("warn");

    /**
     * Not for rules: {@code provenance} (only the facts-file records Certificate and Vulnerability
     * have it, and their copies in the session hold none: see {@link org.tlsverdict.facts.RuleInput}),
     * and Object's methods.
     */
    private static final Set<String> NOT_ACCESSORS = Set.of("provenance", "getClass",
            "hashCode", "notify", "notifyAll", "wait");

    private static final FactModel INSTANCE = load();

    /** Simple name (nested types as {@code Outer.Inner}) to class name, per package. */
    private final Map<String, Map<String, String>> typesByPackage;
    private final Set<String> accessors;

    private FactModel(Map<String, Map<String, String>> typesByPackage, Set<String> accessors) {
        this.typesByPackage = typesByPackage;
        this.accessors = accessors;
    }

    static FactModel get() {
        return INSTANCE;
    }

    /**
     * Whether {@code name} is a method a rule may call on a fact or on a value read from one: the
     * public instance methods of fact-model records and enums (they are immutable: accessors and
     * questions such as {@code hasTag("issue")}), and {@link #VALUE_METHODS}.
     */
    boolean isAccessor(String name) {
        return accessors.contains(name);
    }

    Set<String> packages() {
        return typesByPackage.keySet();
    }

    /** The class a simple or nested name ({@code SuiteGrade.Grade}) means in {@code pkg}, if it is a fact-model type. */
    Optional<String> type(String pkg, String name) {
        Map<String, String> types = typesByPackage.get(pkg);
        return types == null ? Optional.empty() : Optional.ofNullable(types.get(name));
    }

    /** Whether {@code className} names an enum of the fact model that has the constant {@code constant}. */
    boolean isEnumConstant(String className, String constant) {
        try {
            // Only classes of the fact model reach here (looked up in typesByPackage), so loading is safe.
            Class<?> c = Class.forName(className, false, FactModel.class.getClassLoader());
            return c.isEnum() && c.getDeclaredField(constant).isEnumConstant();
        } catch (ClassNotFoundException | NoSuchFieldException e) {
            return false;
        }
    }

    private static FactModel load() {
        Map<String, Map<String, String>> types = new HashMap<>();
        Set<String> accessors = new TreeSet<>(VALUE_METHODS);
        for (String pkg : new String[] {FACTS, DERIVED}) {
            Map<String, String> inPkg = new HashMap<>();
            for (String className : classNames(pkg)) {
                Class<?> c;
                try {
                    c = Class.forName(className, false, FactModel.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (!Modifier.isPublic(c.getModifiers()) || !(c.isRecord() || c.isEnum() || c == Fact.class)) {
                    continue;
                }
                String simple = className.substring(pkg.length() + 1).replace('$', '.');
                inPkg.put(simple, className);
                for (Method m : c.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers())
                            && !NOT_ACCESSORS.contains(m.getName()) && m.getDeclaringClass() != Object.class
                            && m.getDeclaringClass() != Enum.class && m.getDeclaringClass() != Record.class) {
                        accessors.add(m.getName());
                    }
                }
            }
            types.put(pkg, Map.copyOf(inPkg));
        }
        accessors.removeAll(NOT_ACCESSORS);
        return new FactModel(Map.copyOf(types), Set.copyOf(accessors));
    }

    /** Class names directly in {@code pkg} (nested ones included), from a folder or from the jar. */
    private static Set<String> classNames(String pkg) {
        String dir = pkg.replace('.', '/');
        Set<String> out = new TreeSet<>();
        try {
            Enumeration<URL> urls = FactModel.class.getClassLoader().getResources(dir);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
                        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                                .forEach(n -> out.add(pkg + "." + n.substring(0, n.length() - 6)));
                    }
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection conn = (JarURLConnection) url.openConnection();
                    conn.setUseCaches(false);
                    try (JarFile jar = conn.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String n = e.nextElement().getName();
                            if (n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0) {
                                out.add(n.substring(0, n.length() - 6).replace('/', '.'));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the fact model in " + pkg + ": " + e.getMessage(), e);
        }
        return out;
    }
}
