package org.tlsverdict.policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.DefaultDialectOption;
import org.kie.internal.io.ResourceFactory;
import org.tlsverdict.facts.EndpointAddress;

/**
 * Compiles a policy's DRL files with Drools at run time, after the {@link RuleChecker} has found
 * them data-like (unless rules are trusted). Compiled packages are cached on disk
 * ({@link CompiledRuleCache}) piece by piece (one Drools package each), keyed by a hash of the
 * piece's rule files, the engine build and the check, so a second run does not recompile and a run
 * after an edit recompiles only the edited file's piece.
 */
public final class RuleCompiler {

    static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    private final Path cacheDir;
    private final boolean trustRules;
    private final CompiledRuleCache cache;

    public RuleCompiler(Path cacheDir) {
        this(cacheDir, false);
    }

    /**
     * {@code trustRules}: compile rule files as full Java without the {@link RuleChecker} (the
     * {@code --trust-rules} opt-out, for people who own their policies).
     */
    public RuleCompiler(Path cacheDir, boolean trustRules) {
        this(cacheDir, trustRules, cacheDir == null ? null : CompiledRuleCache.defaultKeyFile());
    }

    RuleCompiler(Path cacheDir, boolean trustRules, Path keyFile) {
        this.cacheDir = cacheDir;
        this.trustRules = trustRules;
        this.cache = cacheDir == null ? null : new CompiledRuleCache(cacheDir, keyFile);
    }

    /** The cache under $TLSVERDICT_CACHE, else $XDG_CACHE_HOME/tlsverdict, else ~/.cache/tlsverdict. */
    public static RuleCompiler withDefaultCache() {
        return withDefaultCache(false);
    }

    public static RuleCompiler withDefaultCache(boolean trustRules) {
        String explicit = System.getenv("TLSVERDICT_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return new RuleCompiler(explicit.equals("off") ? null : Path.of(explicit), trustRules);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new RuleCompiler(root.resolve("tlsverdict").resolve("rules"), trustRules);
    }

    public static RuleCompiler withoutCache() {
        return new RuleCompiler(null);
    }

    public boolean trustsRules() {
        return trustRules;
    }

    /**
     * Checks (unless trusted), compiles and links a policy. Rule files are compiled and cached in
     * pieces, one per Drools package (one criterion file, or the shared files of one package), so
     * after an edit of one file only that piece is checked and compiled again; the rule base is then
     * assembled from the pieces. A piece's cache entry is found only under a key that holds its
     * files' labels and texts, the engine build, the checker version and whether rules were
     * trusted, and is written only after the check passed; so an entry is never used for a rule
     * file the current check refuses, or for a file whose text changed, and an entry compiled with
     * --trust-rules never serves a checked run.
     */
    public CompiledPolicy compile(Policy policy) throws PolicyException {
        return compile(policy, null);
    }

    /** As {@link #compile(Policy)}, adding to {@code compiledFiles} (when not null) the label of each rule file compiled from source. */
    CompiledPolicy compile(Policy policy, List<String> compiledFiles) throws PolicyException {
        List<Piece> pieces = pieces(policy, trustRules);
        Map<Piece, Collection<KiePackage>> found = new HashMap<>();
        List<Piece> missing = new ArrayList<>();
        List<Collection<KiePackage>> read = cache == null ? null : cache.readAll(pieces.stream().map(Piece::key).toList());
        for (int i = 0; i < pieces.size(); i++) {
            Collection<KiePackage> cached = read == null ? null : read.get(i);
            if (cached == null) {
                missing.add(pieces.get(i));
            } else {
                found.put(pieces.get(i), cached);
            }
        }
        boolean fromCache = !found.isEmpty();
        Timing.mark(missing.isEmpty() ? "compiled rules read from cache" : "compiled rules read from cache but " + missing.size() + " of " + pieces.size() + " pieces");
        List<KiePackage> extra = new ArrayList<>();
        if (!missing.isEmpty()) {
            List<Piece> toBuild = missing;
            Collection<KiePackage> built;
            try {
                built = build(policy, files(toBuild), trustRules);
            } catch (PolicyException e) {
                if (found.isEmpty()) {
                    throw e;
                }
                // A file that compiles only together with one that came from the cache (nothing in
                // today's rules does that): compile the whole policy, whose errors are the ones to show.
                toBuild = pieces;
                found.clear();
                fromCache = false;
                built = build(policy, files(toBuild), trustRules);
            }
            if (compiledFiles != null) {
                files(toBuild).forEach(f -> compiledFiles.add(f.label()));
            }
            Map<String, KiePackage> byName = new HashMap<>();
            built.forEach(k -> byName.put(k.getName(), k));
            Set<String> pieceNames = toBuild.stream().map(Piece::packageName).collect(Collectors.toSet());
            // Besides one package per piece, a build has packages of its own for the fact classes its
            // rules match (type declarations, no rules); each piece keeps them beside its package.
            List<KiePackage> shared = built.stream().filter(k -> !pieceNames.contains(k.getName())).toList();
            // Declared types (DRL 'declare', trusted rules only) cannot be read back from the cache:
            // those builds are used once and not cached. Neither is a build that lacks a piece's
            // package (a package line the pattern misread): its pieces could not be told apart.
            boolean cacheable = cache != null && !declaresTypes(built) && byName.keySet().containsAll(pieceNames)
                    && shared.stream().allMatch(k -> k.getRules().isEmpty());
            for (Piece piece : toBuild) {
                KiePackage k = byName.get(piece.packageName());
                List<KiePackage> one = new ArrayList<>();
                if (k != null) {
                    one.add(k);
                }
                if (cacheable) {
                    one.addAll(shared);
                    cache.write(piece.key(), one);
                    one = List.of(one.get(0));
                }
                found.put(piece, one);
            }
            extra.addAll(shared);
        }
        List<KiePackage> packages = new ArrayList<>();
        pieces.forEach(p -> packages.addAll(found.get(p)));
        packages.addAll(extra);
        InternalKnowledgeBase kbase = KnowledgeBaseFactory.newKnowledgeBase(baseConfiguration());
        kbase.addPackages(packages);
        Timing.mark("rule base assembled");
        List<Criterion> criteria = criteria(policy, packages);
        Map<String, Criterion> byPackage = new HashMap<>();
        criteria.forEach(c -> byPackage.put(c.packageName(), c));
        byPackage.putAll(waivers(packages, criteria));
        return new CompiledPolicy(policy, kbase, criteria, Map.copyOf(byPackage), fromCache,
                PatternTypes.anyRuleReads(kbase, EndpointAddress.class), trustRules);
    }

    /** The rule files of one Drools package: compiled together, cached under one key. */
    record Piece(String packageName, List<RuleFile> files, String key) {
    }

    /** Drools' name for the package of a rule file without a package line. */
    static final String DEFAULT_PACKAGE = "defaultpkg";

    /** The policy's rule files grouped by package, in the order of their first file. */
    static List<Piece> pieces(Policy policy, boolean trustRules) {
        Map<String, List<RuleFile>> byPackage = new java.util.LinkedHashMap<>();
        for (RuleFile f : policy.ruleFiles()) {
            Matcher m = PACKAGE.matcher(f.code());
            byPackage.computeIfAbsent(m.find() ? m.group(1) : DEFAULT_PACKAGE, k -> new ArrayList<>()).add(f);
        }
        List<Piece> out = new ArrayList<>();
        byPackage.forEach((name, files) -> out.add(new Piece(name, List.copyOf(files), pieceKey(name, files, trustRules))));
        return out;
    }

    private static List<RuleFile> files(List<Piece> pieces) {
        List<RuleFile> out = new ArrayList<>();
        pieces.forEach(p -> out.addAll(p.files()));
        return out;
    }

    /**
     * Beta nodes are not shared between rules. Sessions keep facts from one endpoint to the next
     * ({@link IncrementalSession}), and with shared beta segments Drools 10.2 misses some of those
     * changes: a rule whose {@code collect} lost and regained members (its suites retracted by truth
     * maintenance, new ones inserted) was not re-evaluated and kept the previous endpoint's outcome.
     * Unshared, each rule has its own path; BetaNodeSharingTest reproduces the failure with two
     * endpoints, and {@code tlsverdict test} judges every case of a policy in a kept session too. It costs little: rules of one
     * criterion file share few prefixes.
     */
    static org.kie.api.KieBaseConfiguration baseConfiguration() {
        org.kie.api.KieBaseConfiguration conf = org.kie.api.KieServices.Factory.get().newKieBaseConfiguration();
        conf.setProperty("drools.shareBetaNodes", "false");
        return conf;
    }

    /** True when a rule file has a DRL 'declare': its class exists only inside the compiled packages. */
    static boolean declaresTypes(Collection<KiePackage> packages) {
        for (KiePackage p : packages) {
            for (org.kie.api.definition.type.FactType t : p.getFactTypes()) {
                try {
                    Class.forName(t.getName(), false, RuleCompiler.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What {@code newKnowledgeBuilder()} would use, checked. Drools reads its defaults (the default
     * dialect among them) from META-INF/kie.default.properties.conf in its jar for every builder and
     * ignores a read error; the compile then fails later with a NullPointerException in
     * RuleBuildContext. The read fails when the jar was rewritten in place under the running JVM
     * (the build no longer does that, docs/benchmarks.md), so that is what the error says.
     */
    static KnowledgeBuilderConfiguration builderConfiguration() {
        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
        if (conf.getOption(DefaultDialectOption.KEY).dialectName() == null) {
            java.security.CodeSource jar = KnowledgeBuilderFactory.class.getProtectionDomain().getCodeSource();
            throw new IllegalStateException("cannot read Drools' defaults (META-INF/kie.default.properties.conf) from "
                    + (jar == null ? "its jar" : jar.getLocation()) + ": was the jar replaced while tlsverdict ran? Run it again");
        }
        return conf;
    }

    private static Collection<KiePackage> build(Policy policy, List<RuleFile> files, boolean trustRules) throws PolicyException {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(builderConfiguration());
        if (trustRules) {
            for (RuleFile f : files) {
                Resource r = ResourceFactory.newByteArrayResource(f.text().getBytes(StandardCharsets.UTF_8));
                r.setSourcePath(f.label());
                builder.add(r, ResourceType.DRL);
            }
        } else {
            // Every file is checked before any is compiled; what is compiled is the model the check read.
            List<RuleChecker.Checked> checked = RuleChecker.checkAll(files);
            List<String> refused = new ArrayList<>();
            checked.forEach(c -> refused.addAll(c.refusals()));
            if (!refused.isEmpty()) {
                throw new PolicyException(String.join("\n", refused));
            }
            for (RuleChecker.Checked c : checked) {
                Resource r = ResourceFactory.newDescrResource(c.descr());
                r.setSourcePath(c.file().label());
                builder.add(r, ResourceType.DESCR);
            }
        }
        if (builder.hasErrors()) {
            List<String> lines = new ArrayList<>();
            for (KnowledgeBuilderError e : builder.getErrors()) {
                String file = e.getResource() != null && e.getResource().getSourcePath() != null
                        ? e.getResource().getSourcePath() : policy.label();
                int line = e.getLines() != null && e.getLines().length > 0 ? e.getLines()[0] : 0;
                lines.add(file + ":" + line + ": " + e.getMessage().replaceAll("\\s+", " ").trim());
            }
            throw new PolicyException(String.join("\n", lines.stream().distinct().sorted().toList()));
        }
        return builder.getKnowledgePackages();
    }

    /**
     * One criterion per rule file: the rule named like the file carries {@code @id}, {@code @title},
     * {@code @level}, {@code @source} and optionally {@code @expect} and {@code @rationale}.
     */
    static List<Criterion> criteria(Policy policy, Collection<KiePackage> packages) throws PolicyException {
        Map<String, RuleFile> fileByPackage = new HashMap<>();
        for (RuleFile f : policy.ruleFiles()) {
            Matcher m = PACKAGE.matcher(f.text());
            if (m.find()) {
                fileByPackage.put(m.group(1), f);
            }
        }
        List<Criterion> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KiePackage p : packages) {
            for (Rule r : p.getRules()) {
                Map<String, Object> meta = r.getMetaData();
                if (!meta.containsKey("id")) {
                    continue;
                }
                RuleFile file = fileByPackage.get(p.getName());
                String label = file == null ? p.getName() : file.label();
                Criterion c = new Criterion(text(meta, "id"), text(meta, "title"), text(meta, "level"),
                        text(meta, "source"), text(meta, "expect"), text(meta, "rationale"), text(meta, "needs"), text(meta, "subject"), r.getName(), label, p.getName());
                if (c.title() == null || c.level() == null || c.source() == null) {
                    problems.add(label + ": rule '" + r.getName() + "' needs @title, @level and @source");
                } else if (c.subject() != null && !c.judgesDomain()) {
                    problems.add(label + ": rule '" + r.getName() + "' has @subject(" + c.subject() + "), expected @subject(\"domain\") or none");
                } else if (!Criterion.LEVELS.contains(c.level())) {
                    problems.add(label + ": rule '" + r.getName() + "' has @level(" + c.level() + "), expected one of MUST, MUST_NOT, SHOULD, SHOULD_NOT, MAY");
                }
                out.add(c);
            }
        }
        Map<String, Criterion> seenIds = new HashMap<>();
        Map<String, Criterion> seenPackages = new HashMap<>();
        for (Criterion c : out) {
            Criterion prev = seenIds.put(c.id(), c);
            if (prev != null) {
                problems.add(c.file() + ": criterion id " + c.id() + " is also used in " + prev.file());
            }
            prev = seenPackages.put(c.packageName(), c);
            if (prev != null) {
                problems.add(c.file() + ": package " + c.packageName() + " holds two criteria (" + prev.id() + ", " + c.id() + "); use one package per criterion file");
            }
        }
        amendWaived(packages, fileByPackage, out, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(String.join("\n", problems.stream().sorted().toList()));
        }
        out.sort(Comparator.comparing(Criterion::id));
        return List.copyOf(out);
    }

    private static final Pattern OUTCOME_CALL = Pattern.compile("\\bOutcome\\s*\\.");
    private static final Pattern WAIVER_CALL = Pattern.compile("\\bWaiver\\s*\\.");

    /**
     * Waiver files ({@link Waiver}): the first rule's {@code @waives("ID")} names a criterion of this
     * policy, and its {@code @expect} (required) and {@code @rationale} replace the criterion's, so
     * verdicts state the threshold that applies. One waiver file per criterion. A waiver file
     * concludes only waivers, and only a waiver file concludes them.
     */
    private static void amendWaived(Collection<KiePackage> packages, Map<String, RuleFile> fileByPackage, List<Criterion> criteria,
                                    List<String> problems) {
        Set<String> waiverPackages = new HashSet<>();
        Map<String, String> waivedBy = new HashMap<>();
        for (KiePackage p : packages) {
            for (Rule r : p.getRules()) {
                Map<String, Object> meta = r.getMetaData();
                if (!meta.containsKey("waives")) {
                    continue;
                }
                RuleFile file = fileByPackage.get(p.getName());
                String label = file == null ? p.getName() : file.label();
                String id = text(meta, "waives");
                String expect = text(meta, "expect");
                waiverPackages.add(p.getName());
                int i = indexOfId(criteria, id);
                if (meta.containsKey("id")) {
                    problems.add(label + ": rule '" + r.getName() + "' has both @id and @waives; a waiver file defines no criterion");
                } else if (i < 0) {
                    problems.add(label + ": @waives(" + id + "), which is not a criterion of this policy");
                } else if (expect == null || expect.isBlank()) {
                    problems.add(label + ": @waives(" + id + ") needs @expect(\"...\"): the criterion's expectation with the exception stated");
                } else if (waivedBy.putIfAbsent(id, label) != null) {
                    problems.add(label + ": " + id + " is also waived by " + waivedBy.get(id) + "; write one waiver file per criterion");
                } else {
                    Criterion c = criteria.get(i);
                    String rationale = text(meta, "rationale");
                    criteria.set(i, new Criterion(c.id(), c.title(), c.level(), c.source(), expect, rationale == null ? c.rationale() : rationale,
                            c.needs(), c.subject(), c.rule(), c.file(), c.packageName()));
                }
            }
        }
        for (Map.Entry<String, RuleFile> e : fileByPackage.entrySet()) {
            String code = e.getValue().code();
            if (waiverPackages.contains(e.getKey()) && OUTCOME_CALL.matcher(code).find()) {
                problems.add(e.getValue().label() + ": a waiver file concludes only Waiver.warn(...), not outcomes");
            } else if (!waiverPackages.contains(e.getKey()) && WAIVER_CALL.matcher(code).find()) {
                problems.add(e.getValue().label() + ": Waiver.warn(...) outside a waiver file (its first rule needs @waives(\"CRITERION-ID\"))");
            }
        }
    }

    private static int indexOfId(List<Criterion> criteria, String id) {
        for (int i = 0; i < criteria.size(); i++) {
            if (criteria.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Waiver file package to the criterion it waives (checked by {@link #amendWaived}). */
    static Map<String, Criterion> waivers(Collection<KiePackage> packages, List<Criterion> criteria) {
        Map<String, Criterion> out = new HashMap<>();
        for (KiePackage p : packages) {
            for (Rule r : p.getRules()) {
                Object id = r.getMetaData().get("waives");
                if (id != null) {
                    String waived = text(r.getMetaData(), "waives");
                    criteria.stream().filter(c -> c.id().equals(waived)).findFirst().ifPresent(c -> out.put(p.getName(), c));
                }
            }
        }
        return out;
    }

    static String text(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The cache key of one piece: its package, its files' labels and texts, the engine build and the check. */
    static String pieceKey(String packageName, List<RuleFile> files, boolean trustRules) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(EngineVersion.id().getBytes(StandardCharsets.UTF_8));
            md.update(("\0" + (trustRules ? "trusted" : RuleChecker.VERSION) + "\0piece\0" + packageName + "\0").getBytes(StandardCharsets.UTF_8));
            for (RuleFile f : files) {
                md.update((f.label() + "\0" + f.text() + "\0").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
