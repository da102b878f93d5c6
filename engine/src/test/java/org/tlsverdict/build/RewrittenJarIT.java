package org.tlsverdict.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar rewritten in place under a running JVM (a copy over it, not the build: see
 * {@link RebuildLeavesRunningJarIT}) makes the next rule compile fail with an error that says so and
 * names the jar, not with Drools' NullPointerException in RuleBuildContext. Runs a copy of the
 * packaged jar (mvn package builds it) in a second JVM, rewrites the copy between two compiles.
 */
@Tag("integration")
class RewrittenJarIT {

    @TempDir
    Path dir;

    @Test
    void compileAfterTheJarWasRewrittenNamesTheJar() throws Exception {
        Path built = Path.of("engine/target/tlsverdict.jar");
        Path other = Path.of("engine/target/original-tlsverdict.jar");
        assertThat(built).as("mvn package builds it").isRegularFile();
        assertThat(other).as("mvn package leaves the unshaded jar beside it").isRegularFile();
        Path jar = Files.copy(built, dir.resolve("tlsverdict.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        Path signal = dir.resolve("go");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + java.io.File.pathSeparator + Path.of("engine/target/test-classes").toAbsolutePath(),
                CompileAfterSignal.class.getName(), "rules/privacyguides-proposed", signal.toString()))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("the first compile").startsWith("first: ");
            // In place, as cp does: the running JVM's open file now holds other bytes.
            Files.write(jar, Files.readAllBytes(other));
            Files.createFile(signal);
            String second = out.readLine();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second).as("the second compile")
                    .contains("IllegalStateException: cannot read Drools' defaults (META-INF/kie.default.properties.conf) from file:" + jar)
                    .contains("was the jar replaced while tlsverdict ran?")
                    .doesNotContain("NullPointerException");
        } finally {
            p.destroyForcibly();
        }
    }
}
