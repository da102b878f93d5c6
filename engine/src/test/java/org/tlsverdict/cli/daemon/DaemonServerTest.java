package org.tlsverdict.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's lifecycle with a stand-in command (it echoes its arguments): it stops by itself after
 * its idle time, when its jar changes and when its socket file is removed, each time removing its
 * socket; and stdout, stderr and the exit code reach the client apart and in full.
 */
class DaemonServerTest {

    @TempDir
    Path tmp;

    private final DaemonServer.Handler echo = (args, request) -> {
        request.out().print(String.join(" ", args));
        System.err.print("to stderr: " + args.length);
        return args.length;
    };

    private CompletableFuture<String> serve(DaemonServer server) throws Exception {
        assertThat(server.bind()).isTrue();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return server.serve();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void streamsAndExitCodeReachTheClient() throws Exception {
        Path folder = tmp.resolve("d");
        DaemonServer server = new DaemonServer(folder, DaemonKey.current(), Duration.ofMinutes(5), echo);
        CompletableFuture<String> served = serve(server);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new DaemonClient(folder, DaemonKey.current()).run(new String[] {"évaluer", "b", "c"}, false,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("évaluer b c");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to stderr: 3");
        assertThat(new DaemonClient(folder, DaemonKey.current()).status()).startsWith("pid " + ProcessHandle.current().pid())
                .contains(" 1 requests served");
        assertThat(new DaemonClient(folder, DaemonKey.current()).stop()).isNotNull();
        assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo("stopped on request");
        assertThat(server.socket()).doesNotExist();
        assertThat(new DaemonClient(folder, DaemonKey.current()).status()).isNull();
    }

    @Test
    void stopsAfterItsIdleTime() throws Exception {
        DaemonServer server = new DaemonServer(tmp.resolve("d"), DaemonKey.current(), Duration.ofSeconds(1), echo);
        assertThat(serve(server).get(60, TimeUnit.SECONDS)).isEqualTo("stopped after 1 s without requests");
        assertThat(server.socket()).doesNotExist();
    }

    @Test
    void stopsWhenItsJarChanges() throws Exception {
        Path jar = Files.writeString(tmp.resolve("fake.jar"), "one");
        DaemonServer server = new DaemonServer(tmp.resolve("d"), DaemonKey.current(), Duration.ofMinutes(5), echo,
                () -> List.of(Files.exists(jar) + " " + jar.toFile().length()));
        CompletableFuture<String> served = serve(server);
        Thread.sleep(1500);
        assertThat(served).as("still running while the jar stays").isNotDone();
        Files.writeString(jar, "rebuilt");
        assertThat(served.get(60, TimeUnit.SECONDS)).isEqualTo("stopped: its jar changed");
        assertThat(server.socket()).doesNotExist();
    }

    @Test
    void stopsWhenItsSocketIsRemoved() throws Exception {
        DaemonServer server = new DaemonServer(tmp.resolve("d"), DaemonKey.current(), Duration.ofMinutes(5), echo);
        CompletableFuture<String> served = serve(server);
        Files.delete(server.socket());
        assertThat(served.get(60, TimeUnit.SECONDS)).isEqualTo("stopped: its socket was removed");
    }

    @Test
    void aSecondDaemonForTheSameKeyDoesNotBind() throws Exception {
        DaemonServer first = new DaemonServer(tmp.resolve("d"), DaemonKey.current(), Duration.ofMinutes(5), echo);
        CompletableFuture<String> served = serve(first);
        assertThat(new DaemonServer(tmp.resolve("d"), DaemonKey.current(), Duration.ofMinutes(5), echo).bind()).isFalse();
        first.stop("test over");
        assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo("test over");
    }
}
