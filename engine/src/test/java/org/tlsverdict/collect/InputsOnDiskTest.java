package org.tlsverdict.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;

/**
 * Input files are found and read with as few system calls as a folder of many small files needs,
 * and the answers are those of the plain checks they replace: the same files found (links
 * followed to files but not to folders, goldens, hidden files and corpus cases left out), the same
 * bytes read, and the same one line naming the file for each way a file cannot be read.
 */
class InputsOnDiskTest {

    @TempDir
    Path tmp;

    private static final String FACTS = """
            {"schema": "tlsverdict/facts/v1", "endpoints": [ {"endpoint": {"host": "mx.example.test", "port": 25}} ]}
            """;

    /** The walk as it was before: a stat per file for "regular?" and one for the corpus marker. */
    private static Map<Path, List<Path>> plainByFolder(List<Path> roots) {
        Map<Path, List<Path>> out = new TreeMap<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                out.computeIfAbsent(root.getParent(), k -> new java.util.ArrayList<>()).add(root);
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).filter(p -> InputFiles.isInput(root.relativize(p)))
                        .filter(p -> !Files.exists(p.getParent().resolve(InputFiles.CORPUS_TRUTH))).forEach(p ->
                        out.computeIfAbsent(p.getParent(), k -> new java.util.ArrayList<>()).add(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.replaceAll((k, v) -> v.stream().distinct().sorted().collect(Collectors.toList()));
        return out;
    }

    @Test
    void theFilesFoundAreThoseThePlainChecksFind() throws Exception {
        Path root = tmp.resolve("scans");
        Path sub = Files.createDirectories(root.resolve("sub"));
        Path corpus = Files.createDirectories(root.resolve("corpus"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(root.resolve("a.json"), FACTS);
        Files.writeString(root.resolve("b.yaml"), "schema: tlsverdict/facts/v1\n");
        Files.writeString(root.resolve("README.md"), "not an input");
        Files.writeString(root.resolve(".hidden.json"), FACTS);
        Files.writeString(Files.createDirectories(root.resolve("expected")).resolve("p.json"), "{}");
        Files.writeString(sub.resolve("c.xml"), "<x/>");
        Files.writeString(sub.resolve("d.txt"), "text");
        Files.writeString(corpus.resolve("raw.json"), FACTS);
        Files.writeString(corpus.resolve(InputFiles.CORPUS_TRUTH), "schema: tlsverdict/facts/v1\n");
        Files.writeString(elsewhere.resolve("e.json"), FACTS);
        Files.createDirectories(elsewhere.resolve("inner.json"));
        Files.writeString(elsewhere.resolve("inner.json").resolve("f.json"), FACTS);
        Files.createSymbolicLink(root.resolve("link-to-file.json"), elsewhere.resolve("e.json"));
        Files.createSymbolicLink(root.resolve("link-to-folder.json"), elsewhere.resolve("inner.json"));
        Files.createSymbolicLink(sub.resolve("dangling.json"), tmp.resolve("nowhere.json"));
        Files.createDirectories(root.resolve("folder.json"));

        for (List<Path> roots : List.of(List.of(root), List.of(sub), List.of(root, sub), List.of(root.resolve("a.json"), corpus))) {
            Map<Path, List<Path>> found = InputFiles.byFolder(roots);
            assertThat(found).as(roots.toString()).isEqualTo(plainByFolder(roots));
        }
        assertThat(InputFiles.byFolder(List.of(root)).get(root))
                .containsExactly(root.resolve("a.json"), root.resolve("b.yaml"), root.resolve("link-to-file.json"));
        assertThat(InputFiles.byFolder(List.of(root))).doesNotContainKey(corpus).doesNotContainKey(elsewhere.resolve("inner.json"));
    }

    private static String error(Path file, String label) {
        try {
            InputReader.read(file, label);
            return "read";
        } catch (FactsFormatException e) {
            return e.getMessage();
        }
    }

    @Test
    void readingGivesTheFileOrTheLineThatNamesWhatIsWrong() throws Exception {
        Path facts = Files.writeString(tmp.resolve("a.json"), FACTS);
        FactsDocument doc = InputReader.read(facts, "a.json");
        assertThat(doc.endpoints()).hasSize(1);
        assertThat(doc.endpoints().get(0).source().source()).isEqualTo("a.json");
        // Unicode and a file larger than any first guess of its size.
        String big = FACTS.replace("mx.example.test", "mx-\u00e9\u65e5-" + "x".repeat(200_000) + ".test");
        Path large = Files.writeString(tmp.resolve("large.json"), big, StandardCharsets.UTF_8);
        assertThat(InputReader.read(large, "large.json").endpoints().get(0).endpoint().host()).endsWith("x.test").contains("\u00e9\u65e5");
        Files.createSymbolicLink(tmp.resolve("link.json"), facts);
        assertThat(error(tmp.resolve("link.json"), "link.json")).isEqualTo("read");

        assertThat(error(tmp.resolve("missing.json"), "missing.json")).isEqualTo("missing.json: no such file");
        Files.createSymbolicLink(tmp.resolve("dangling.json"), tmp.resolve("nowhere.json"));
        assertThat(error(tmp.resolve("dangling.json"), "dangling.json")).isEqualTo("dangling.json: no such file");
        assertThat(error(Files.createDirectories(tmp.resolve("dir.json")), "dir.json")).isEqualTo("dir.json: is a folder, not a facts file");
        assertThat(error(Files.createFile(tmp.resolve("empty.json")), "empty.json")).isEqualTo("empty.json: empty file");
        Path huge = tmp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(InputReader.MAX_BYTES + 1);  // sparse: no disk used
        }
        assertThat(error(huge, "huge.json"))
                .isEqualTo("huge.json: " + (InputReader.MAX_BYTES + 1) + " bytes is larger than the " + InputReader.MAX_BYTES + "-byte input limit");
        assertThatThrownBy(() -> InputReader.read(Files.writeString(tmp.resolve("bad.json"), "{ \"schema\" : "), "bad.json"))
                .isInstanceOf(FactsFormatException.class).hasMessageStartingWith("bad.json: ");
    }

    @Test
    void aPipeIsReadToItsEndThoughItsSizeSaysNothing() throws Exception {
        Path fifo = tmp.resolve("pipe.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mk.waitFor() != 0) {
            return;  // no mkfifo here: nothing to show
        }
        String content = FACTS.replace("mx.example.test", "mx-" + "y".repeat(100_000) + ".test");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        assertThat(InputReader.read(fifo, "pipe.json").endpoints().get(0).endpoint().host()).hasSize(100_008);
        writer.join();
    }
}
