package org.tlsverdict.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn package} leaves the jar a running JVM reads from as it was: a new build is a new file,
 * not new bytes written into the old one. A long {@code diff} or benchmark, or a daemon, reads its jar
 * long after it started (Drools reads its default configuration from it at every compile), and a build
 * in the same tree, as the launcher starts on its own once the sources are newer than the jar, used to
 * rewrite that very file: Drools then compiled without a default dialect and failed with a
 * NullPointerException in RuleBuildContext (docs/benchmarks.md). Builds a one-file module under the
 * repository's parent pom twice while holding the first jar open, as a JVM does. Needs mvn and the
 * plugins the engine build already fetched (it runs offline).
 */
@Tag("integration")
class RebuildLeavesRunningJarIT {

    @TempDir
    Path dir;

    @Test
    void aJarHeldOpenStillReadsAfterTheNextBuild() throws Exception {
        // Maven reads relativePath against the module's folder, and without the file there it takes an
        // installed tlsverdict-parent from the local repository instead: the one of an earlier build.
        Path parent = dir.relativize(Path.of("pom.xml").toAbsolutePath());
        assertThat(dir.resolve(parent)).as("the repository's parent pom").isRegularFile();
        String version = Files.readString(dir.resolve(parent)).replaceFirst("(?s).*?<artifactId>tlsverdict-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>org.tlsverdict</groupId>
                    <artifactId>tlsverdict-parent</artifactId>
                    <version>%s</version>
                    <relativePath>%s</relativePath>
                  </parent>
                  <artifactId>rebuild-probe</artifactId>
                  <build><finalName>probe</finalName></build>
                </project>
                """.formatted(version, parent));
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        // The first entry grows in the second build, so the second one moves: read through the old
        // central directory, rewritten bytes show as a bad entry header rather than by luck as the right ones.
        Files.writeString(resources.resolve("a-first.txt"), "short");
        Files.writeString(resources.resolve("b-second.txt"), "kept");
        build();
        Path jar = dir.resolve("target/probe.jar");
        try (ZipFile running = new ZipFile(jar.toFile())) {
            Files.writeString(resources.resolve("a-first.txt"), "longer ".repeat(5000));
            Files.writeString(resources.resolve("b-second.txt"), "rebuilt");
            build();
            try (ZipFile rebuilt = new ZipFile(jar.toFile())) {
                assertThat(read(rebuilt, "b-second.txt")).as("the second build wrote a new jar").isEqualTo("rebuilt");
            }
            assertThat(read(running, "b-second.txt")).as("the jar held open since the first build").isEqualTo("kept");
        }
    }

    private static String read(ZipFile zip, String name) throws Exception {
        try (var in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void build() throws Exception {
        Path log = dir.resolve("build.log");
        Process p = new ProcessBuilder(List.of("mvn", "-o", "-q", "-B", "-Dstyle.color=never", "-Dmaven.test.skip=true", "package"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("mvn package finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }
}
