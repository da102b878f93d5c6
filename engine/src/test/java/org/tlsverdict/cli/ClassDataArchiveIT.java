package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive that mvn package records (engine/src/build/class-data-archive) is the one
 * the launcher then starts with: its stamp matches, and the JVM takes the engine's classes, and
 * picocli's, from it.
 * Runs after package (failsafe).
 */
@Tag("integration")
class ClassDataArchiveIT {

    @TempDir
    Path tmp;

    @Test
    void launcherStartsFromTheArchiveThatPackageRecorded() throws Exception {
        assertThat(Path.of("engine/target/tlsverdict.jsa")).as("mvn package records it").isRegularFile();
        Path log = tmp.resolve("classes.log");
        ProcessBuilder pb = new ProcessBuilder("./tlsverdict", "--version");
        pb.environment().remove("TLSVERDICT_CDS");
        pb.environment().remove("TLSVERDICT_JAVA_OPTS");
        pb.environment().put("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        String loaded = Files.readString(log);
        assertThat(loaded).containsPattern("org\\.tlsverdict\\.cli\\.Main source: shared objects file");
        // picocli's Java 5 class files too: a static archive holds them, and no lambda of ours
        // implementing one of its interfaces keeps that interface and its implementations out.
        assertThat(loaded).containsPattern("picocli\\.CommandLine\\$ITypeConverter source: shared objects file")
                .containsPattern("picocli\\.CommandLine\\$BuiltIn\\$IntegerConverter source: shared objects file");
    }
}
