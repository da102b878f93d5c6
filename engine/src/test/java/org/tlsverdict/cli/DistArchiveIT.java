package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} leaves in engine/target runs without the source tree:
 * unpacked into one temporary folder and started from another, it judges a forum paste against a
 * shipped policy named by id, with labels relative to rules/. Runs after package (failsafe).
 */
@Tag("integration")
class DistArchiveIT {

    @TempDir
    Path tmp;

    @Test
    void unpackedReleaseJudgesByPolicyNameFromAnotherFolder() throws Exception {
        Path archive;
        try (Stream<Path> s = Files.list(Path.of("engine/target"))) {
            archive = s.filter(p -> p.getFileName().toString().matches("tlsverdict-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no engine/target/tlsverdict-*.tar.gz: mvn package builds it"));
        }
        Path install = Files.createDirectories(tmp.resolve("opt"));
        assertThat(run(install, "tar", "-xzf", archive.toAbsolutePath().toString()).exit()).isZero();
        Path home;
        try (Stream<Path> s = Files.list(install)) {
            home = s.findFirst().orElseThrow();
        }
        assertThat(home.resolve("bin/tlsverdict")).isExecutable();
        assertThat(home.resolve("lib/tlsverdict.jar")).isRegularFile();
        assertThat(home.resolve("rules/privacyguides-proposed/policy.yaml")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("completion/tlsverdict.bash")).content().contains("complete -F").contains("policies");
        assertThat(home.resolve("completion/tlsverdict.zsh")).content().contains("bashcompinit");
        assertThat(home.resolve("man/tlsverdict.1")).content().startsWith(".TH TLSVERDICT 1").contains(".SS evaluate");

        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.copy(Path.of("fixtures/seed-forum/jonaharagon-587.json"), work.resolve("jonaharagon-587.json"));
        String bin = home.resolve("bin/tlsverdict").toString();
        Run r = run(work, bin, "evaluate", "jonaharagon-587.json", "--policy", "privacyguides-proposed", "--format", "json",
                "--at", "2027-01-01T00:00:00Z");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isBetween(0, 1);
        assertThat(r.out()).contains("\"rules/privacyguides-proposed\"").contains("\"PGP-SERVER-ORDER\"")
                .doesNotContain(home.toString()).doesNotContain("/tmp/");

        Run list = run(work, bin, "policies");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).containsPattern("(?m)^privacyguides-proposed .* 17  shipped$");
    }

    /** The project's own tools (generators, benchmark) are built in the tools module and never shipped. */
    @Test
    void productJarAndArchiveCarryNoProjectTools() throws Exception {
        Path jar = Path.of("engine/target/tlsverdict.jar");
        assertThat(jar).as("mvn package builds it").isRegularFile();
        assertThat(classesUnder(jar, "org/tlsverdict/")).as("a real jar is read").contains("org/tlsverdict/cli/Main.class");
        assertThat(classesUnder(jar, "org/tlsverdict/tools/")).as(jar.toString()).isEmpty();

        Path archive;
        try (Stream<Path> s = Files.list(Path.of("engine/target"))) {
            archive = s.filter(p -> p.getFileName().toString().matches("tlsverdict-.*\\.tar\\.gz")).findFirst().orElseThrow();
        }
        Path install = Files.createDirectories(tmp.resolve("tools-check"));
        assertThat(run(install, "tar", "-xzf", archive.toAbsolutePath().toString()).exit()).isZero();
        Run listing = run(install, "tar", "-tzf", archive.toAbsolutePath().toString());
        assertThat(listing.out()).doesNotContain("tlsverdict-tools").doesNotContain("org/tlsverdict/tools");
        Path shipped;
        try (Stream<Path> s = Files.walk(install)) {
            shipped = s.filter(p -> p.getFileName().toString().equals("tlsverdict.jar")).findFirst().orElseThrow();
        }
        assertThat(classesUnder(shipped, "org/tlsverdict/tools/")).as(archive.toString()).isEmpty();
    }

    private static List<String> classesUnder(Path jar, String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            j.stream().map(e -> e.getName()).filter(n -> n.startsWith(prefix)).forEach(names::add);
        }
        return names;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Path dir, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        try {
            Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int exit = p.waitFor();
            return new Run(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
