package org.tlsverdict.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tlsverdict.facts.FactsCodec;

/**
 * Reads a policy folder: {@code policy.yaml} plus its .drl files. A policy that {@code extends}
 * another takes the base's rule files, replaces those with the same file name and drops those
 * listed under {@code removes}; {@code includes}
 * add shared rule folders (rules/common) or single criterion files of another policy
 * ({@code ../mail-dns/dane.drl}). Paths in policy.yaml are relative to the policy folder.
 */
public final class PolicyLoader {

    public static final String MANIFEST = "policy.yaml";

    private PolicyLoader() {
    }

    public static Policy load(Path dir) throws PolicyException {
        return load(dir, Path.of(""));
    }

    /** {@code base} is the folder labels are made relative to (the working directory by default). */
    public static Policy load(Path dir, Path base) throws PolicyException {
        if (!Files.isDirectory(dir)) {
            throw new PolicyException(dir + ": policy folder does not exist");
        }
        PolicyManifest manifest = readManifest(dir);
        Map<String, RuleFile> criteria = new LinkedHashMap<>();
        Set<Path> shared = new LinkedHashSet<>();
        collect(dir, manifest, base, criteria, shared, new LinkedHashSet<>());
        List<RuleFile> files = new ArrayList<>();
        for (Path s : shared) {
            files.addAll(drlFiles(s, base));
        }
        files.addAll(criteria.values());
        files.sort((a, b) -> a.label().compareTo(b.label()));
        return new Policy(manifest, dir, label(dir, base), List.copyOf(files));
    }

    private static void collect(Path dir, PolicyManifest manifest, Path base, Map<String, RuleFile> criteria,
                                Set<Path> shared, Set<Path> visiting) throws PolicyException {
        Path real = realPath(dir);
        if (!visiting.add(real)) {
            throw new PolicyException(dir.resolve(MANIFEST) + ": 'extends' forms a cycle");
        }
        if (manifest.extendsPolicy() != null) {
            Path parent = dir.resolve(manifest.extendsPolicy()).normalize();
            if (!Files.isDirectory(parent)) {
                // A user's policy extends a shipped one by its id (extends: privacyguides-2023).
                parent = BundledPolicies.byName(manifest.extendsPolicy()).orElse(parent);
            }
            if (!Files.isDirectory(parent)) {
                throw new PolicyException(dir.resolve(MANIFEST) + ": extends '" + manifest.extendsPolicy() + "', which does not exist");
            }
            collect(parent, readManifest(parent), base, criteria, shared, visiting);
        }
        // A removed .drl is a criterion of the extended policy; a removed folder is one of its includes
        // (a classification table the newer guideline replaces).
        for (String removed : manifest.removes()) {
            boolean gone = removed.endsWith(".drl") ? criteria.remove(removed) != null : shared.remove(dir.resolve(removed).normalize());
            if (!gone) {
                throw new PolicyException(dir.resolve(MANIFEST) + ": removes '" + removed + "', which the extended policy does not have");
            }
        }
        for (String include : manifest.includes()) {
            Path inc = dir.resolve(include).normalize();
            if (include.endsWith(".drl")) {
                // One criterion taken from another policy's folder (e.g. ../mail-dns/dane.drl): it
                // counts as this policy's own, so an extending policy may replace or remove it by name,
                // and its cases file beside it runs.
                if (!Files.isRegularFile(inc)) {
                    throw new PolicyException(dir.resolve(MANIFEST) + ": includes '" + include + "', which does not exist");
                }
                String name = inc.getFileName().toString();
                criteria.remove(name);
                criteria.put(name, ruleFile(inc, base));
                continue;
            }
            if (!Files.isDirectory(inc)) {
                throw new PolicyException(dir.resolve(MANIFEST) + ": includes '" + include + "', which does not exist");
            }
            shared.add(inc);
        }
        for (RuleFile f : drlFiles(dir, base)) {
            // An extending policy replaces the base's criterion of the same file name.
            criteria.remove(f.path().getFileName().toString());
            criteria.put(f.path().getFileName().toString(), f);
        }
    }

    public static PolicyManifest readManifest(Path dir) throws PolicyException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new PolicyException(file + ": missing (a policy folder needs a policy.yaml)");
        }
        try {
            PolicyManifest m = FactsCodec.yaml().readValue(file.toFile(), PolicyManifest.class);
            if (m == null || m.id() == null || m.id().isBlank()) {
                throw new PolicyException(file + ": 'id' is missing");
            }
            if (m.version() == null) {
                throw new PolicyException(file + ": 'version' is missing");
            }
            return m;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PolicyException(file + ":" + line + ": " + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static List<RuleFile> drlFiles(Path dir, Path base) throws PolicyException {
        try (Stream<Path> s = Files.list(dir)) {
            List<RuleFile> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                out.add(new RuleFile(p, label(p, base), Files.readString(p, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new PolicyException(dir + ": cannot list rule files: " + e.getMessage(), e);
        }
    }

    private static RuleFile ruleFile(Path p, Path base) throws PolicyException {
        try {
            return new RuleFile(p, label(p, base), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Path realPath(Path p) throws PolicyException {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new PolicyException(p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Relative to base when inside it, so reports and goldens never carry absolute paths; a shipped
     * policy's file reads {@code rules/<id>/<file>} wherever it was unpacked.
     */
    static String label(Path p, Path base) {
        Path abs = p.toAbsolutePath().normalize();
        Path shipped = BundledPolicies.rootIfResolved();
        if (shipped != null && shipped.getParent() != null && abs.startsWith(shipped)) {
            return shipped.getParent().relativize(abs).toString().replace('\\', '/');
        }
        Path b = base.toAbsolutePath().normalize();
        String out = abs.startsWith(b) ? b.relativize(abs).toString() : p.normalize().toString();
        return out.isEmpty() ? "." : out.replace('\\', '/');
    }
}
