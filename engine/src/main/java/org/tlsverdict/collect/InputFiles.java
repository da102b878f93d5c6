package org.tlsverdict.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the scan and facts files under folders, grouped by the folder that holds them (each
 * folder has its own goldens). Skipped: {@code expected/} folders (goldens), hidden files, and
 * files that are not inputs by extension (README.md, logs, certificates), and corpus cases: a folder
 * holding {@value #CORPUS_TRUTH} is judged against the facts read by hand from its raw file, not
 * against goldens.
 */
public final class InputFiles {

    static final List<String> EXTENSIONS = List.of(".json", ".yaml", ".yml", ".xml", ".txt");
    public static final String GOLDEN_DIR = "expected";
    public static final String CORPUS_TRUTH = "expected-facts.yaml";

    private InputFiles() {
    }

    public static Map<Path, List<Path>> byFolder(List<Path> roots) {
        Map<Path, List<Path>> out = new TreeMap<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                out.computeIfAbsent(parentOf(root), k -> new java.util.ArrayList<>()).add(root);
                continue;
            }
            // Whether a folder holds corpus cases, asked once per folder rather than once per file.
            Map<Path, Boolean> corpus = new java.util.HashMap<>();
            // The walk's own attributes tell a regular file without asking again; a link is followed, as Files.isRegularFile does.
            try (Stream<Path> s = Files.find(root, Integer.MAX_VALUE,
                    (p, attrs) -> attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(p))) {
                // Judge only the part below the folder given: the folder itself may sit anywhere.
                s.filter(p -> isInput(root.relativize(p)))
                        .filter(p -> !corpus.computeIfAbsent(parentOf(p), d -> Files.exists(d.resolve(CORPUS_TRUTH)))).forEach(p ->
                        out.computeIfAbsent(parentOf(p), k -> new java.util.ArrayList<>()).add(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.replaceAll((k, v) -> v.stream().distinct().sorted().collect(Collectors.toList()));
        return out;
    }

    private static Path parentOf(Path p) {
        Path parent = p.getParent();
        return parent == null ? Path.of(".") : parent;
    }

    public static boolean isInput(Path p) {
        for (Path part : p) {
            String s = part.toString();
            if (s.equals(GOLDEN_DIR) || (s.startsWith(".") && !s.equals(".") && !s.equals(".."))) {
                return false;
            }
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("readme")) {
            return false;
        }
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
