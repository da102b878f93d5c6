package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.cli.daemon.DaemonClient;
import org.tlsverdict.cli.daemon.DaemonKey;
import org.tlsverdict.cli.daemon.DaemonServer;

/**
 * A run the daemon serves prints the same bytes on stdout and stderr and exits with the same code as
 * the same run in-process; a daemon that is gone, a folder others can enter or TLSVERDICT_DAEMON=off
 * mean in-process. The daemon runs on a thread of this JVM with a socket in a temporary folder.
 */
class DaemonTest {

    private static final String GMAIL = "fixtures/seed-forum/gmail-587.json";
    private static final String POLICY = "rules/privacyguides-proposed";
    private static final String AT = "2026-06-01T00:00:00Z";

    @TempDir
    Path tmp;

    private Path folder;
    private DaemonServer server;
    private Thread serving;

    record Run(int exit, String out, String err) {

        /**
         * Jazzer's agent, which ImporterFuzzTest installs into the JVM that runs the unit tests,
         * reports on stderr each class it instruments when it is loaded; classes only the daemon's
         * side uses load during the served run. Those lines are the test JVM's, not the run's.
         */
        Run {
            err = err.replaceAll("(?m)^INFO: Instrumented .*\\R", "");
        }
    }

    @BeforeEach
    void startDaemon() throws Exception {
        folder = tmp.resolve("xdg/tlsverdict");
        server = DaemonProcess.server(folder, Duration.ofMinutes(10));
        assertThat(server.bind()).isTrue();
        serving = new Thread(() -> {
            try {
                server.serve();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        serving.start();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        server.stop("test over");
        serving.join(30_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(server.socket()).doesNotExist();
    }

    /** In-process as Main.main runs it: picocli's writers over System.out and System.err. */
    private static Run inProcess(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Run forwarded(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = new DaemonClient(folder, DaemonKey.current()).run(args, false, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(exit).as("the daemon took the run").isNotEqualTo(DaemonClient.IN_PROCESS);
        return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private Run same(String... args) {
        long before = server.served();
        Run daemon = forwarded(args);
        assertThat(server.served()).isEqualTo(before + 1);
        assertThat(daemon).isEqualTo(inProcess(args));
        return daemon;
    }

    /** A one-criterion policy concluding {@code outcome} for every endpoint. */
    private Path policy(String name, String outcome) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("policy.yaml"), "id: " + name + "\ntitle: " + name + "\nversion: \"1\"\nstatus: draft\n");
        writeRule(dir, outcome);
        return dir;
    }

    private static void writeRule(Path dir, String outcome) throws Exception {
        Files.writeString(dir.resolve("always.drl"), """
                package daemon.always;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "always"
                    @id("D-1") @title("always") @level("MUST") @source("https://example.org/") @expect("nothing")
                when
                then
                end
                rule "always: conclude"
                when
                    Endpoint()
                then
                    insertLogical( Outcome.%s( drools, "concluded %s" ) );
                end
                """.formatted(outcome, outcome));
    }

    private Path relative(Path p) {
        return Path.of("").toAbsolutePath().relativize(p.toAbsolutePath());
    }

    @Test
    void evaluateGivesTheSameBytesAndExitCodes() throws Exception {
        Run fail = same("evaluate", GMAIL, "--policy", POLICY, "--at", AT);
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL").contains("PGP-SERVER-ORDER");
        assertThat(same("evaluate", GMAIL, "--policy", POLICY, "--at", AT, "--format", "json", "--explain").out()).contains("\"status\"");
        Run pass = same("evaluate", GMAIL, "--policy", relative(policy("passing", "pass")).toString());
        assertThat(pass.exit()).isZero();
        assertThat(pass.out()).contains("concluded pass");
    }

    @Test
    void badInputAndUnknownOptionExitTwoWithTheirMessage() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{ not json");
        Run bad = same("evaluate", relative(broken).toString(), "--policy", POLICY);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.json");
        Run unknown = same("evaluate", GMAIL, "--policy", POLICY, "--bogus");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option").contains("--bogus");
        Run noPolicy = same("evaluate", GMAIL, "--policy", "rules/no-such-policy");
        assertThat(noPolicy.exit()).isEqualTo(2);
        assertThat(noPolicy.err()).contains("rules/no-such-policy");
    }

    @Test
    void testRulesReplayAndDiffGiveTheSameBytes() {
        assertThat(same("test", POLICY).out()).isNotEmpty();
        assertThat(same("rules", POLICY).out()).isNotEmpty();
        assertThat(same("replay", "fixtures/seed-forum", "--policy", POLICY, "--format", "json").out()).isNotEmpty();
        assertThat(same("diff", "--from", "rules/privacyguides-2023", "--to", POLICY, "fixtures/seed-forum").out()).isNotEmpty();
    }

    @Test
    void anEditedRuleChangesTheNextVerdict() throws Exception {
        Path dir = policy("edited", "pass");
        String p = relative(dir).toString();
        assertThat(same("evaluate", GMAIL, "--policy", p).exit()).isZero();
        writeRule(dir, "fail");
        Run after = same("evaluate", GMAIL, "--policy", p);
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.out()).contains("concluded fail").doesNotContain("concluded pass");
        writeRule(dir, "pass");
        assertThat(same("evaluate", GMAIL, "--policy", p).exit()).isZero();
    }

    @Test
    void colourFollowsTheClientsTerminal() {
        String[] args = {"evaluate", GMAIL, "--policy", POLICY, "--at", AT};
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        new DaemonClient(folder, DaemonKey.current()).run(args, true, new PrintStream(o), new PrintStream(new ByteArrayOutputStream()));
        assertThat(o.toString(StandardCharsets.UTF_8)).as("a client at a terminal gets colour").contains("\u001b[");
        assertThat(forwarded(args).out()).doesNotContain("\u001b[");
    }

    @Test
    void twoClientsAtOnceBothGetTheirWholeOutput() throws Exception {
        String[] fail = {"evaluate", GMAIL, "--policy", POLICY, "--at", AT};
        String[] json = {"evaluate", GMAIL, "--policy", POLICY, "--at", AT, "--format", "json"};
        Run expectedFail = inProcess(fail);
        Run expectedJson = inProcess(json);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit((Callable<Run>) () -> forwarded(fail)));
                runs.add(pool.submit((Callable<Run>) () -> forwarded(json)));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get()).isEqualTo(i % 2 == 0 ? expectedFail : expectedJson);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDaemonKilledHardLeavesASocketTheClientRemoves() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("killed"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        DaemonKey key = DaemonKey.current();
        Path socket = other.resolve(key.socketName());
        // Bound, then closed without removing the file: what a kill -9 leaves.
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertThat(socket).exists();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = new DaemonClient(other, key).run(new String[] {"evaluate", GMAIL, "--policy", POLICY}, false,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(e));
        assertThat(exit).isEqualTo(DaemonClient.IN_PROCESS);
        assertThat(e.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(socket).doesNotExist();
    }

    @Test
    void aFolderOthersCanEnterIsNotUsed() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        long before = server.served();
        int exit = new DaemonClient(folder, DaemonKey.current()).run(new String[] {"evaluate", GMAIL, "--policy", POLICY}, false,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(DaemonClient.IN_PROCESS);
        assertThat(e.toString(StandardCharsets.UTF_8)).startsWith("tlsverdict: " + folder).contains("open to others").endsWith("daemon\n")
                .hasLineCount(1);
        assertThat(server.served()).isEqualTo(before);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aDaemonOfAnotherKeyIsNotUsed() throws Exception {
        DaemonKey other = new DaemonKey(DaemonKey.current().text() + "$NO_COLOR=1\n");
        // The other key's socket name leads to this daemon: what a hash collision would look like.
        Files.createSymbolicLink(folder.resolve(other.socketName()), server.socket());
        long before = server.served();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int exit = new DaemonClient(folder, other).run(new String[] {"evaluate", GMAIL, "--policy", POLICY}, false, new PrintStream(o),
                new PrintStream(o));
        assertThat(exit).isEqualTo(DaemonClient.IN_PROCESS);
        assertThat(o.size()).isZero();
        assertThat(server.served()).isEqualTo(before);
    }

    @Test
    void onlyRunsThatNeedNoStandardInputNetworkOrTerminalAreSent() {
        assertThat(DaemonClient.eligible(new String[] {"evaluate", GMAIL, "--policy", POLICY})).isTrue();
        assertThat(DaemonClient.eligible(new String[] {"replay", "fixtures"})).isTrue();
        assertThat(DaemonClient.eligible(new String[] {"evaluate", "-", "--policy", POLICY})).isFalse();
        assertThat(DaemonClient.eligible(new String[] {"evaluate", GMAIL, "--policy", POLICY, "--watch"})).isFalse();
        assertThat(DaemonClient.eligible(new String[] {"diff", "--from", "git:HEAD:rules/x", "--to", POLICY})).isFalse();
        assertThat(DaemonClient.eligible(new String[] {"evaluate", "--help"})).isFalse();
        assertThat(DaemonClient.eligible(new String[] {"evaluate", GMAIL, "--policy", POLICY, "--debug"})).isFalse();
        for (String c : new String[] {"scan", "check", "scan-domain", "import", "daemon", "policies", "completion"}) {
            assertThat(DaemonClient.eligible(new String[] {c, "x"})).as(c).isFalse();
        }
    }

    /** Through Main.main in another JVM of the same key: served by the daemon, unless TLSVERDICT_DAEMON=off. */
    @Test
    void mainForwardsUnlessTheDaemonIsSwitchedOff() throws Exception {
        String[] args = {"evaluate", GMAIL, "--policy", POLICY, "--at", AT, "--no-color"};
        Run expected = inProcess(args);
        long before = server.served();
        Run on = java(null, args);
        assertThat(server.served()).as("served by the daemon").isEqualTo(before + 1);
        assertThat(on).isEqualTo(expected);
        Run off = java("off", args);
        assertThat(server.served()).as("TLSVERDICT_DAEMON=off runs in-process").isEqualTo(before + 1);
        assertThat(off).isEqualTo(expected);
    }

    private Run java(String daemon, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().put("XDG_RUNTIME_DIR", tmp.resolve("xdg").toString());
        pb.environment().remove("TLSVERDICT_DAEMON");
        if (daemon != null) {
            pb.environment().put("TLSVERDICT_DAEMON", daemon);
        }
        int exit = pb.start().waitFor();
        return new Run(exit, Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }
}
