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

    /**
     * The warm-up run of a daemon a run started: its output goes nowhere, it is no request served,
     * and a client that comes meanwhile waits for it and then gets only its own output.
     */
    @Test
    void aWarmUpRunIsNoRequestAndAClientWaitsForIt() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        DaemonServer.Handler slowFirst = (args, request) -> {
            if (args[0].equals("warm")) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return echo.run(args, request);
        };
        Path folder = tmp.resolve("d");
        DaemonServer server = new DaemonServer(folder, DaemonKey.current(), Duration.ofMinutes(5), slowFirst);
        CompletableFuture<String> served = serve(server);
        CompletableFuture<Integer> warm = CompletableFuture.supplyAsync(() -> server.warm(new String[] {"warm", "up"}));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> client = CompletableFuture.supplyAsync(() -> new DaemonClient(folder, DaemonKey.current()).run(
                new String[] {"a"}, false, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        Thread.sleep(300);
        assertThat(client).as("waits behind the warm-up").isNotDone();
        release.countDown();
        assertThat(warm.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(client.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to stderr: 1");
        assertThat(new DaemonClient(folder, DaemonKey.current()).status()).contains(" 1 requests served");
        server.stop("test over");
        assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo("test over");
        assertThat(server.warm(new String[] {"late"})).as("a stopped daemon warms up no more").isEqualTo(-1);
    }

    /**
     * daemon status --all and stop --all: every daemon in the folder answers, whatever its key (other
     * folders, jars, environments), and gives its key, while a run sent with another key is still refused.
     */
    @Test
    void everyDaemonOfTheFolderAnswersStatusAndStopForAll() throws Exception {
        Path folder = tmp.resolve("d");
        DaemonKey other = new DaemonKey("another folder's key");
        DaemonServer mine = new DaemonServer(folder, DaemonKey.current(), Duration.ofMinutes(5), echo);
        DaemonServer theirs = new DaemonServer(folder, other, Duration.ofMinutes(5), echo);
        CompletableFuture<String> mineServed = serve(mine);
        CompletableFuture<String> theirsServed = serve(theirs);
        assertThat(DaemonClient.all(folder, false)).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("pid " + ProcessHandle.current().pid()).contains(", folder " + System.getProperty("user.dir") + ", socket "));
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(theirs.socket()))) {
            java.io.DataOutputStream o = new java.io.DataOutputStream(java.nio.channels.Channels.newOutputStream(ch));
            o.writeInt(Wire.MAGIC);
            Wire.writeString(o, DaemonKey.current().text());
            o.writeByte(Wire.RUN);
            o.flush();
            assertThat(new java.io.DataInputStream(java.nio.channels.Channels.newInputStream(ch)).readByte()).as("a run of another key")
                    .isEqualTo(Wire.REFUSED);
        }
        assertThat(theirs.served()).isZero();
        assertThat(DaemonClient.keys(folder)).as("each daemon's key, for daemon status to say what differs")
                .containsExactlyInAnyOrder(DaemonKey.current(), other);
        assertThat(DaemonClient.all(folder, true)).hasSize(2);
        assertThat(mineServed.get(30, TimeUnit.SECONDS)).isEqualTo("stopped on request");
        assertThat(theirsServed.get(30, TimeUnit.SECONDS)).isEqualTo("stopped on request");
        assertThat(DaemonClient.all(folder, false)).isEmpty();
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

    /** A client's request to run {@code arg}, sent by hand: the channel stays open until the test closes it. */
    private static java.nio.channels.SocketChannel sendRun(DaemonServer server, String arg) throws Exception {
        java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(server.socket()));
        java.io.DataOutputStream o = new java.io.DataOutputStream(java.nio.channels.Channels.newOutputStream(ch));
        o.writeInt(Wire.MAGIC);
        Wire.writeString(o, DaemonKey.current().text());
        o.writeByte(Wire.RUN);
        o.writeBoolean(false);
        Wire.writeString(o, "UTF-8");
        Wire.writeString(o, "UTF-8");
        o.writeInt(1);
        Wire.writeString(o, arg);
        o.flush();
        return ch;
    }

    @Test
    void aClientGoneDuringItsRunStopsTheDaemon() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch abandoned = new java.util.concurrent.CountDownLatch(1);
        DaemonServer server = new DaemonServer(tmp.resolve("d"), DaemonKey.current(), Duration.ofMinutes(5), (args, request) -> {
            started.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
        server.onAbandoned(abandoned::countDown);
        CompletableFuture<String> served = serve(server);
        try (java.nio.channels.SocketChannel ch = sendRun(server, "long")) {
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(abandoned.await(30, TimeUnit.SECONDS)).as("the daemon saw its client go").isTrue();
        assertThat(server.socket()).as("removed at once: the next run is in-process, not queued").doesNotExist();
        assertThat(new DaemonClient(tmp.resolve("d"), DaemonKey.current()).run(new String[] {"x"}, false, System.out, System.err))
                .isEqualTo(DaemonClient.IN_PROCESS);
        release.countDown();
        assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(DaemonServer.ABANDONED);
    }

    @Test
    void aClientGoneWhileWaitingForItsTurnOnlyLosesItsTurn() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> ran = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        DaemonServer server = new DaemonServer(tmp.resolve("d"), DaemonKey.current(), Duration.ofMinutes(5), (args, request) -> {
            ran.add(args[0]);
            started.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            request.out().print("done " + args[0]);
            return 7;
        });
        server.onAbandoned(() -> ran.add("abandoned"));
        CompletableFuture<String> served = serve(server);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> new DaemonClient(tmp.resolve("d"), DaemonKey.current())
                .run(new String[] {"first"}, false, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        sendRun(server, "second").close();
        Thread.sleep(500);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(7);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("done first");
        Thread.sleep(500);
        assertThat(ran).containsExactly("first");
        assertThat(server.socket()).exists();
        assertThat(new DaemonClient(tmp.resolve("d"), DaemonKey.current()).stop()).isNotNull();
        assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo("stopped on request");
    }
}
