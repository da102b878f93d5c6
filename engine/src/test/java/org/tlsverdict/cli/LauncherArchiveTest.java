package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository launcher starts the JVM with the class-data archive beside the jar only while the
 * archive's stamp names this jar and this archive (size:mtime of each): an archive of another build,
 * a truncated archive (on which the JVM would crash) or a missing stamp means a plain start. Runs the
 * real launcher in a copy of the layout with a stand-in {@code java} that prints its arguments.
 */
class LauncherArchiveTest {

    @TempDir
    Path root;

    private Path jar;
    private Path archive;

    @BeforeEach
    void layout() throws IOException {
        Files.copy(Path.of("tlsverdict"), root.resolve("tlsverdict"));
        Path target = Files.createDirectories(root.resolve("engine/target"));
        jar = Files.write(target.resolve("tlsverdict.jar"), new byte[1234]);
        archive = Files.write(target.resolve("tlsverdict.jsa"), new byte[5678]);
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("tlsverdict"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // Sources older than the jar, so the launcher does not try to build.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    }

    private void stamp() throws IOException {
        Files.writeString(archive.resolveSibling("tlsverdict.jsa.stamp"), sizeAndTime(jar) + "/" + sizeAndTime(archive) + "/");
    }

    private static String sizeAndTime(Path p) throws IOException {
        return Files.size(p) + ":" + Files.getLastModifiedTime(p).to(TimeUnit.SECONDS);
    }

    private List<String> javaArguments(Map<String, String> env) throws IOException, InterruptedException {
        return javaArguments(root.resolve("tlsverdict"), env);
    }

    private List<String> javaArguments(Path launcher, Map<String, String> env) throws IOException, InterruptedException {
        return javaArguments(launcher, env, "evaluate", "x.json");
    }

    private List<String> javaArguments(Path launcher, Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(launcher.toString()));
        line.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        pb.environment().remove("TLSVERDICT_CDS");
        pb.environment().remove("TLSVERDICT_JAVA_OPTS");
        // No daemon folder with sockets in it: a daemon the user runs would get the light client (LauncherLightClientTest).
        pb.environment().put("XDG_RUNTIME_DIR", root.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private String archiveOption() {
        return "-XX:SharedArchiveFile=" + archive.toAbsolutePath();
    }

    @Test
    void archiveWithMatchingStampIsUsedAndItsWarningsSilenced() throws Exception {
        stamp();
        List<String> args = javaArguments(Map.of());
        assertThat(args).contains(archiveOption(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        assertThat(args).endsWith("-jar", jar.toAbsolutePath().toString(), "evaluate", "x.json");
    }

    @Test
    void archiveOfAnotherJarIsNotUsed() throws Exception {
        stamp();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        assertThat(javaArguments(Map.of())).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void truncatedArchiveIsNotUsed() throws Exception {
        stamp();
        FileTime time = Files.getLastModifiedTime(archive);
        Files.write(archive, new byte[100]);
        Files.setLastModifiedTime(archive, time);
        assertThat(javaArguments(Map.of())).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void archiveWithoutStampIsNotUsed() throws Exception {
        assertThat(javaArguments(Map.of())).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void switchedOffByEnvironment() throws Exception {
        stamp();
        assertThat(javaArguments(Map.of("TLSVERDICT_CDS", "off"))).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void ownJavaOptionsKeepTheArchive() throws Exception {
        stamp();
        List<String> args = javaArguments(Map.of("TLSVERDICT_JAVA_OPTS", "-Xmx64m"));
        assertThat(args).contains("-Xmx64m", archiveOption()).doesNotContain("-XX:+UseSerialGC");
    }

    /** Started through a link (from ~/bin, say), the launcher still finds its own jar, archive and rules. */
    @Test
    void aLinkToTheLauncherFindsItsFolder() throws Exception {
        stamp();
        Path link = Files.createSymbolicLink(Files.createDirectories(root.resolve("elsewhere")).resolve("tlsverdict"), root.resolve("tlsverdict"));
        assertThat(javaArguments(link, Map.of())).contains(archiveOption(), "-jar", jar.toAbsolutePath().toString())
                .contains("-Dtlsverdict.policies=" + root.toAbsolutePath().resolve("rules"));
    }

    /** A folder of {@code count} inputs of {@code bytes} each (sparse: the launcher weighs inputs by their apparent size). */
    private Path inputs(String name, int count, long bytes) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        for (int i = 0; i < count; i++) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("host-" + i + ".json").toFile(), "rw")) {
                f.setLength(bytes);
            }
        }
        // Goldens are compared, not judged: they do not count.
        Path expected = Files.createDirectories(dir.resolve("expected"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(expected.resolve("p.json").toFile(), "rw")) {
            f.setLength(400_000_000L);
        }
        return dir;
    }

    private List<String> replayArguments(Path dir) throws IOException, InterruptedException {
        return javaArguments(root.resolve("tlsverdict"), Map.of(), "replay", dir.toString());
    }

    @Test
    void replayOfAMiddleSizedFolderOfSmallFilesCapsTheYoungGenerationAndOthersDoNot() throws Exception {
        List<String> cap = List.of("-XX:MaxNewSize=256m", "-XX:MaxTenuringThreshold=1", "-Xlog:gc+ergo=error");
        // 10 MB in files of 4,000 bytes: C1 alone, parallel collector, young generation capped.
        assertThat(replayArguments(inputs("small-files", 2_600, 4_000L)))
                .contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1").containsAll(cap);
        // 20 MB in one file: C1 alone, no cap (windows of 32 MB of facts keep more alive).
        assertThat(replayArguments(inputs("big-file", 1, 20_000_000L)))
                .contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1").doesNotContainAnyElementsOf(cap);
        // Past 256 MB (and past 2 GB, beyond a 32-bit count): the optimising compiler too, no cap.
        for (long size : new long[] {300_000_000L, 3_000_000_000L}) {
            assertThat(replayArguments(inputs("big-" + size, 1, size)))
                    .contains("-XX:+UseParallelGC").doesNotContain("-XX:TieredStopAtLevel=1").doesNotContainAnyElementsOf(cap);
        }
        // Below 8 MB: as a short run.
        assertThat(replayArguments(inputs("few", 3, 1_000L))).contains("-XX:+UseSerialGC").doesNotContainAnyElementsOf(cap);
        // Options given by the user replace the launcher's.
        assertThat(javaArguments(root.resolve("tlsverdict"), Map.of("TLSVERDICT_JAVA_OPTS", "-Xmx1g"), "replay",
                root.resolve("small-files").toString())).contains("-Xmx1g").doesNotContainAnyElementsOf(cap);
    }

    /**
     * Where the cap is more than the whole heap (a small machine, here a heap of 64 MB) the JVM lowers
     * it and would say so on stdout, which carries reports: the launcher's logging choice keeps it quiet.
     */
    @Test
    void theYoungGenerationCapWritesNothingOnStdoutWhereTheHeapIsSmaller() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-XX:MaxNewSize=256m", "-Xlog:gc+ergo=error", "-Xmx64m", "-version").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEmpty();
        Process loud = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-XX:MaxNewSize=256m", "-Xmx64m", "-version").start();
        String said = new String(loud.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        loud.getErrorStream().readAllBytes();
        loud.waitFor();
        // Without it the JVM does speak on stdout: the quiet run above is the logging choice's doing.
        assertThat(said).contains("MaxNewSize");
    }
}
