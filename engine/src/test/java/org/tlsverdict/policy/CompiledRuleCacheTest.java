package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.policy.hostile.MarkerOnRead;

/** The compiled-rule cache reads only entries this user's tlsverdict wrote, in a folder only this user can write. */
class CompiledRuleCacheTest {

    @TempDir
    Path root;

    Path dir;
    Path cache;
    Path key;

    @BeforeEach
    void policy() throws IOException {
        dir = PolicyFixtures.policy(root, "p", "");
        PolicyFixtures.criterion(dir, "a", "A", """
                rule "a: pass"
                when $p : ProtocolFact()
                then insertLogical( Outcome.pass( drools, "seen", $p ) );
                end
                """);
        cache = root.resolve("cache");
        key = root.resolve("config/tlsverdict/cache.key");
    }

    private CompiledPolicy compile() throws PolicyException {
        return new RuleCompiler(cache, false, key).compile(PolicyLoader.load(dir, root));
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            List<Path> bins = s.filter(p -> p.toString().endsWith(".bin")).toList();
            assertThat(bins).hasSize(1);
            return bins.get(0);
        }
    }

    /** stderr while {@code r} runs (the cache says once why it is not used). */
    private static String stderrOf(ThrowingRunnable r) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aPrivateCacheIsUsedAndTheKeyIsPrivate() throws Exception {
        assertThat(compile().fromCache()).isFalse();
        assertThat(compile().fromCache()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        assertThat(Files.readAllBytes(onlyEntry())).startsWith("TVRC1\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aFolderOthersCanWriteIsNotRead() throws Exception {
        compile();
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        String err = stderrOf(() -> assertThat(compile().fromCache()).isFalse());
        assertThat(err).contains("compiled-rule cache folder is writable by others; cache not used");
    }

    @Test
    void anEntryOthersCanWriteIsNotRead() throws Exception {
        compile();
        Files.setPosixFilePermissions(onlyEntry(), PosixFilePermissions.fromString("rw-rw-rw-"));
        String err = stderrOf(() -> assertThat(compile().fromCache()).isFalse());
        assertThat(err).contains("compiled-rule cache entry is writable by others");
    }

    @Test
    void aKeyOthersCanReadIsNotUsed() throws Exception {
        compile();
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        String err = stderrOf(() -> assertThat(compile().fromCache()).isFalse());
        assertThat(err).contains("chmod 600");
    }

    @Test
    void anEntryFromAnotherKeyIsNotRead() throws Exception {
        compile();
        // Another user's (or another machine's) tlsverdict: same cache folder, different secret.
        Path otherKey = Files.createDirectories(root.resolve("other"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                .resolve("cache.key");
        Files.createFile(otherKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(otherKey, "another secret of thirty-two bytes".getBytes(StandardCharsets.US_ASCII));
        RuleCompiler other = new RuleCompiler(cache, false, otherKey);
        String err = stderrOf(() -> assertThat(other.compile(PolicyLoader.load(dir, root)).fromCache()).isFalse());
        assertThat(err).contains("its HMAC does not match");
    }

    @Test
    void ofManyRefusedEntriesTheFirstInPolicyOrderIsNamedOnce() throws Exception {
        // Pieces are read on two threads; the warning must not depend on which finished first.
        for (String c : List.of("b", "c", "d", "e", "f", "g")) {
            PolicyFixtures.criterion(dir, c, c.toUpperCase(), """
                    rule "%s: pass"
                    when $p : ProtocolFact()
                    then insertLogical( Outcome.pass( drools, "seen", $p ) );
                    end
                    """.formatted(c));
        }
        Path otherKey = Files.createDirectories(root.resolve("other"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                .resolve("cache.key");
        Files.createFile(otherKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(otherKey, "another secret of thirty-two bytes".getBytes(StandardCharsets.US_ASCII));
        Policy policy = PolicyLoader.load(dir, root);
        List<RuleCompiler.Piece> pieces = RuleCompiler.pieces(policy, false);
        assertThat(pieces).hasSizeGreaterThan(5);
        String first = cache.resolve(pieces.get(0).key() + ".bin") + ": not written by this user's tlsverdict";
        for (int i = 0; i < 5; i++) {
            // The refused run compiled and wrote every piece under the other key: write them back.
            stderrOf(() -> compile());
            String err = stderrOf(() -> assertThat(new RuleCompiler(cache, false, otherKey).compile(policy).fromCache()).isFalse());
            assertThat(err.lines().toList()).containsExactly("tlsverdict: " + first + " (its HMAC does not match)");
        }
    }

    @Test
    void aPlantedGadgetIsNeverDeserialized() throws Exception {
        compile();
        Path entry = onlyEntry();
        Path marker = root.resolve("marker");
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(payload)) {
            oos.writeObject(new MarkerOnRead(marker.toString()));
        }
        // Right magic, a made-up tag: what someone who can write the file but lacks the key can do.
        ByteArrayOutputStream planted = new ByteArrayOutputStream();
        planted.write("TVRC1\n".getBytes(StandardCharsets.US_ASCII));
        planted.write(new byte[32]);
        planted.write(payload.toByteArray());
        Files.write(entry, planted.toByteArray());
        stderrOf(() -> assertThat(compile().fromCache()).isFalse());
        assertThat(marker).doesNotExist();
        // The control: the same bytes, read the way the cache read them before it checked anything, do act.
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(payload.toByteArray()))) {
            in.readObject();
        }
        assertThat(marker).exists();
    }
}
