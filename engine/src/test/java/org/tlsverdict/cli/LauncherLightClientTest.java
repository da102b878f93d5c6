package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a daemon's socket is in this user's daemon folder, the repository launcher starts the light
 * client (no class-data archive, no engine options) for the commands a daemon serves; otherwise, and
 * on the light client's second run of the launcher (marked), the engine's JVM, without the mark in
 * its environment. Runs the real launcher in a copy of the layout with a stand-in {@code java} that
 * prints its arguments and the mark.
 */
class LauncherLightClientTest {

    private static final String LIGHT = "org.tlsverdict.cli.daemon.LightClient";

    @TempDir
    Path root;

    private Path jar;
    private Path sockets;
    private ServerSocketChannel daemon;

    @BeforeEach
    void layout() throws IOException {
        Files.copy(Path.of("tlsverdict"), root.resolve("tlsverdict"));
        Path target = Files.createDirectories(root.resolve("engine/target"));
        jar = Files.write(target.resolve("tlsverdict.jar"), new byte[1234]);
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"),
                "#!/bin/sh\nprintf '%s\\n' \"$@\"\nprintf 'mark=%s\\n' \"${TLSVERDICT_LIGHT_CLIENT_TRIED-none}\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("tlsverdict"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // Sources older than the jar, so the launcher does not try to build.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        sockets = Files.createDirectories(root.resolve("run/tlsverdict"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void close() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** A listening socket in the daemon folder, as a running daemon leaves it. */
    private void daemonListens() throws IOException {
        daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        daemon.bind(UnixDomainSocketAddress.of(sockets.resolve("0123456789abcdef.sock")));
    }

    private List<String> javaArguments(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("tlsverdict").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        pb.environment().put("XDG_RUNTIME_DIR", root.resolve("run").toString());
        for (String name : List.of("TLSVERDICT_CDS", "TLSVERDICT_JAVA_OPTS", "TLSVERDICT_DAEMON", "TLSVERDICT_LIGHT_CLIENT_TRIED")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private List<String> javaArguments(String... args) throws IOException, InterruptedException {
        return javaArguments(Map.of(), args);
    }

    @Test
    void aListeningDaemonGetsTheLightClient() throws Exception {
        daemonListens();
        List<String> args = javaArguments("evaluate", "x.json");
        assertThat(args).containsSequence("-cp", jar.toAbsolutePath().toString(), LIGHT, jar.toAbsolutePath().toString(), root.resolve("tlsverdict").toString(),
                "evaluate", "x.json")
                .contains("-Dtlsverdict.policies=" + root.toAbsolutePath().resolve("rules"), "mark=none")
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        for (String command : List.of("test", "replay", "rules", "diff")) {
            assertThat(javaArguments(command)).contains(LIGHT);
        }
    }

    /** The light client's own small jar, made by the build after the jar, spares it opening the whole jar; an older one is of another build. */
    @Test
    void theLightClientRunsFromItsOwnJarWhileItIsNewerThanTheJar() throws Exception {
        daemonListens();
        Path light = Files.write(jar.resolveSibling("tlsverdict-light-client.jar"), new byte[12]);
        Files.setLastModifiedTime(light, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(javaArguments("evaluate", "x.json")).containsSequence("-cp", light.toAbsolutePath().toString(), LIGHT, jar.toAbsolutePath().toString());
        Files.setLastModifiedTime(light, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 1000));
        assertThat(javaArguments("evaluate", "x.json")).containsSequence("-cp", jar.toAbsolutePath().toString(), LIGHT, jar.toAbsolutePath().toString());
    }

    @Test
    void noDaemonMeansTheEnginesJvm() throws Exception {
        assertThat(javaArguments("evaluate", "x.json")).doesNotContain(LIGHT).containsSequence("-jar", jar.toAbsolutePath().toString(), "evaluate", "x.json");
        // A file that is not a socket is no daemon.
        Files.createFile(sockets.resolve("0123456789abcdef.sock"));
        assertThat(javaArguments("evaluate", "x.json")).doesNotContain(LIGHT);
    }

    @Test
    void theSecondRunStartsTheEngineWithoutTheMark() throws Exception {
        daemonListens();
        List<String> args = javaArguments(Map.of("TLSVERDICT_LIGHT_CLIENT_TRIED", "1"), "evaluate", "x.json");
        assertThat(args).doesNotContain(LIGHT).contains("-jar", "mark=none");
    }

    @Test
    void commandsNoDaemonServesAndSwitchedOffRunsStartTheEngine() throws Exception {
        daemonListens();
        assertThat(javaArguments("scan", "mx.example")).doesNotContain(LIGHT);
        assertThat(javaArguments("--version")).doesNotContain(LIGHT);
        assertThat(javaArguments(Map.of("TLSVERDICT_DAEMON", "off"), "evaluate", "x.json")).doesNotContain(LIGHT);
        // The engine's own options are part of the daemon's key and may matter to the client: the engine's JVM.
        Map<String, String> opts = new HashMap<>(Map.of("TLSVERDICT_JAVA_OPTS", "-Xmx64m"));
        assertThat(javaArguments(opts, "evaluate", "x.json")).doesNotContain(LIGHT).contains("-Xmx64m");
    }
}
