package org.tlsverdict.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The policies shipped under the repository's {@code rules/}: Maven packs them into the jar, so a
 * policy can be named ({@code --policy privacyguides-proposed}, {@code extends: privacyguides-2023})
 * from any folder. Inside a jar they are copied once per run into a temporary folder, because
 * policies include each other by relative path. The repository launcher points
 * {@code -Dtlsverdict.policies} at the live {@code rules/} instead, so an edited rule counts
 * without rebuilding the jar.
 */
public final class BundledPolicies {

    public static final String PROPERTY = "tlsverdict.policies";
    static final String RESOURCE = "org/tlsverdict/rules";

    private static Path root;
    private static boolean resolved;

    private BundledPolicies() {
    }

    /** The folder holding the shipped policy folders, if this build carries any. */
    public static synchronized Optional<Path> root() {
        if (!resolved) {
            resolved = true;
            root = locateRoot();
        }
        return Optional.ofNullable(root);
    }

    /** Whether the policies come from the jar (rather than a folder named by the property). */
    public static boolean fromJar() {
        return System.getProperty(PROPERTY) == null;
    }

    /** The shipped policy folders, sorted by id. */
    public static List<Path> all() {
        Optional<Path> r = root();
        if (r.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(r.get())) {
            return s.filter(p -> Files.isRegularFile(p.resolve(PolicyLoader.MANIFEST))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Path> byName(String id) {
        if (id.isEmpty() || id.contains("/") || id.contains("\\") || id.startsWith(".")) {
            return Optional.empty();
        }
        return root().map(r -> r.resolve(id)).filter(p -> Files.isRegularFile(p.resolve(PolicyLoader.MANIFEST)));
    }

    /**
     * A {@code --policy} argument: an existing folder wins (a user's own policy); otherwise a shipped
     * policy's id, also written {@code rules/<id>} as in the repository.
     */
    public static Path locate(String spec) throws PolicyException {
        Path given = Path.of(spec);
        if (Files.exists(given)) {
            return given;
        }
        String name = spec.replaceAll("[/\\\\]+$", "");
        if (name.startsWith("rules/")) {
            name = name.substring("rules/".length());
        }
        Optional<Path> shipped = byName(name);
        if (shipped.isPresent()) {
            return shipped.get();
        }
        List<String> ids = all().stream().map(p -> p.getFileName().toString()).toList();
        throw new PolicyException(spec + ": policy folder does not exist, and no shipped policy has that name"
                + (ids.isEmpty() ? "" : " (shipped: " + String.join(", ", ids) + "; see tlsverdict policies)"));
    }

    /** The root if it was already located: labels use it without unpacking anything. */
    static synchronized Path rootIfResolved() {
        return resolved ? root : null;
    }

    private static Path locateRoot() {
        String override = System.getProperty(PROPERTY);
        if (override != null) {
            Path p = Path.of(override);
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        }
        try {
            Path code = Path.of(BundledPolicies.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                Path dir = code.resolve(RESOURCE);
                return Files.isDirectory(dir) ? dir : null;
            }
            return unpack(code);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path unpack(Path jar) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Path from = fs.getPath("/" + RESOURCE);
            if (!Files.isDirectory(from)) {
                return null;
            }
            Path tmp = Files.createTempDirectory("tlsverdict-policies");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tmp)));
            // Named rules/ so that labels read rules/<id>/<file>.drl, as in the repository.
            Path to = tmp.resolve("rules");
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return to;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
