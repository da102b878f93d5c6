package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayDiffCommandTest {

    @TempDir
    Path tmp;

    Path fixtures;
    Path rules;

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        fixtures = tmp.resolve("fixtures");
        copy(Path.of("fixtures/seed-forum"), fixtures.resolve("seed-forum"));
        rules = tmp.resolve("rules");
        copy(Path.of("rules/common"), rules.resolve("common"));
        copy(Path.of("rules/mail-dns"), rules.resolve("mail-dns"));
        copy(Path.of("rules/privacyguides-2023"), rules.resolve("privacyguides-2023"));
        copy(Path.of("rules/privacyguides-proposed"), rules.resolve("privacyguides-proposed"));
    }

    private EvaluateCommandTest.Run replay(String... extra) {
        String[] args = Stream.concat(Stream.of("replay", fixtures.toString(), "--policy", rules.resolve("privacyguides-proposed").toString()),
                Stream.of(extra)).toArray(String[]::new);
        return EvaluateCommandTest.run(args);
    }

    @Test
    void shippedFixturesMatchTheirGoldens() {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("replay");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains(" 0 changed");
    }

    @Test
    void aThresholdEditShowsAsAChangedGoldenAndExitsOne() throws IOException {
        Path drl = rules.resolve("privacyguides-proposed/tls-version-mandatory.drl");
        Files.writeString(drl, Files.readString(drl).replace("TlsVersion.SSLv3, TlsVersion.TLSv1_0, TlsVersion.TLSv1_1 ),\n                       support == Support.OFFERED )",
                "TlsVersion.SSLv3 ),\n                       support == Support.OFFERED )"));
        Path golden = fixtures.resolve("seed-forum/expected/privacyguides-proposed.json");
        String before = Files.readString(golden);
        EvaluateCommandTest.Run r = replay();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("CHANGED").contains("gmail-587.json smtp.gmail.com:587 PGP-TLS-MANDATORY: FAIL -> INCONCLUSIVE");
        assertThat(Files.readString(golden)).as("goldens are only written with --update").isEqualTo(before);
    }

    @Test
    void missingGoldenFailsUntilUpdateWritesIt() throws IOException {
        Files.delete(fixtures.resolve("seed-forum/expected/privacyguides-proposed.json"));
        EvaluateCommandTest.Run r = replay();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("MISSING");
        assertThat(fixtures.resolve("seed-forum/expected/privacyguides-proposed.json")).doesNotExist();
        assertThat(replay("--update").exit()).isZero();
        assertThat(replay().exit()).isZero();
    }

    @Test
    void unreadableFixtureIsCountedNotDropped() throws IOException {
        Files.writeString(fixtures.resolve("seed-forum/broken.json"), "{\"schema\": \"tlsverdict/facts/v1\", \"endpoints\": [");
        EvaluateCommandTest.Run r = replay();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("broken.json (unreadable): new").contains("1 unreadable input(s)");
        assertThat(r.err()).contains("broken.json: ");
    }

    @Test
    void unreadableFixtureStillFailsAfterUpdate() throws IOException {
        Files.writeString(fixtures.resolve("seed-forum/broken.json"), "not json at all {");
        assertThat(replay("--update").exit()).isEqualTo(1);
        EvaluateCommandTest.Run again = replay();
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("1 unreadable input(s)").contains("0 changed");
    }

    @Test
    void folderInsideAHiddenOrExpectedPathIsStillReplayed() throws IOException {
        Path hidden = tmp.resolve(".work/expected/scans");
        copy(Path.of("fixtures/seed-forum"), hidden);
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("replay", hidden.toString(), "--policy",
                rules.resolve("privacyguides-proposed").toString());
        assertThat(r.out()).contains("1 folder(s), 2 endpoint(s)");
        EvaluateCommandTest.Run empty = EvaluateCommandTest.run("replay", tmp.resolve("rules/common").toString(), "--policy",
                rules.resolve("privacyguides-proposed").toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no scan or facts files to replay");
    }

    @Test
    void diffNamesTheEditedThresholdAndTheEvidence() throws IOException {
        Path old = tmp.resolve("old");
        copy(rules, old);
        Path drl = old.resolve("privacyguides-2023/server-cipher-order.drl");
        // The old version had no rule for client order, so only the server-ordered versions counted.
        Files.writeString(drl, Files.readString(drl).replace("preference == Preference.CLIENT )", "preference == Preference.UNKNOWN, version == TlsVersion.SSLv2 )"));
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("diff", "--from", old.resolve("privacyguides-proposed").toString(),
                "--to", rules.resolve("privacyguides-proposed").toString(), fixtures.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("criterion PGP-SERVER-ORDER edited")
                .contains("+ $pref : PreferenceFact( version == $v, preference == Preference.CLIENT )")
                .contains("STRICTER smtp.gmail.com:587 PGP-SERVER-ORDER: PASS -> FAIL")
                .contains("- TLSv1.2 cipher preference: client")
                .contains("1 newly failing, 0 newly passing");
        EvaluateCommandTest.Run same = EvaluateCommandTest.run("diff", "--from", rules.resolve("privacyguides-proposed").toString(),
                "--to", rules.resolve("privacyguides-proposed").toString(), fixtures.toString());
        assertThat(same.exit()).isZero();
        assertThat(same.out()).contains("0 newly failing, 0 newly passing, 0 other changes, ");
    }

    @Test
    void diffAgainstAGitRevisionAndABadOne() {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("diff", "--from", "git:HEAD:rules/privacyguides-proposed",
                "--to", "rules/privacyguides-proposed", fixtures.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        assertThat(r.out()).contains("\"schema\" : \"tlsverdict/diff/v1\"").contains("\"path\" : \"git:HEAD:rules/privacyguides-proposed\"");
        EvaluateCommandTest.Run bad = EvaluateCommandTest.run("diff", "--from", "git:no-such-rev:rules/privacyguides-proposed",
                "--to", "rules/privacyguides-proposed", fixtures.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("git:no-such-rev:rules/privacyguides-proposed: git revision 'no-such-rev' does not exist");
    }

    /** The seed discussion's point: the proposal relaxes port 25 (and keeps the rest). */
    @Test
    void proposedPolicyRelaxesPort25() {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("diff", "--from", "rules/privacyguides-2023",
                "--to", "rules/privacyguides-proposed", "fixtures/port25-debate");
        assertThat(r.out())
                .contains("CHANGED  mx.port25-debate.test:25 PGP-NO-VULNS: FAIL -> WARN")
                .contains("RELAXED  mx.port25-debate.test:25 PGP-TLS-PORT25: (new) -> PASS")
                .contains("criterion PGP-TLS-VERSION removed")
                .doesNotContain("STRICTER");
        assertThat(r.exit()).isZero();
    }
}
