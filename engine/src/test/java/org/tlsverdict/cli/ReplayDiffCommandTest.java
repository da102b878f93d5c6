package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.TreeCopy;
import org.tlsverdict.facts.FactsCodec;

class ReplayDiffCommandTest {

    @TempDir
    Path tmp;

    Path fixtures;
    Path rules;


    @BeforeEach
    void setUp() throws IOException {
        fixtures = tmp.resolve("fixtures");
        TreeCopy.copy(Path.of("fixtures/seed-forum"), fixtures.resolve("seed-forum"));
        rules = tmp.resolve("rules");
        TreeCopy.copy(Path.of("rules/common"), rules.resolve("common"));
        TreeCopy.copy(Path.of("rules/mail-dns"), rules.resolve("mail-dns"));
        TreeCopy.copy(Path.of("rules/privacyguides-2023"), rules.resolve("privacyguides-2023"));
        TreeCopy.copy(Path.of("rules/privacyguides-proposed"), rules.resolve("privacyguides-proposed"));
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
        Path drl = rules.resolve("privacyguides-proposed/tls-mandatory.drl");
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
        TreeCopy.copy(Path.of("fixtures/seed-forum"), hidden);
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
        TreeCopy.copy(rules, old);
        Path drl = old.resolve("privacyguides-2023/server-order.drl");
        // The old version had no rule for client order, so only the server-ordered versions counted.
        Files.writeString(drl, Files.readString(drl).replace("preference == Preference.CLIENT )", "preference == Preference.UNKNOWN, version == TlsVersion.SSLv2 )"));
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("diff", "--from", old.resolve("privacyguides-proposed").toString(),
                "--to", rules.resolve("privacyguides-proposed").toString(), fixtures.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("  PGP-SERVER-ORDER edited\n")
                .containsPattern("(?m)^    \\+ +\\$pref : PreferenceFact\\( version == \\$v, preference == Preference.CLIENT \\)$")
                .containsPattern("(?m)^    - +\\$pref : PreferenceFact\\( version == \\$v, preference == Preference.UNKNOWN, version == TlsVersion.SSLv2 \\)$")
                .contains("newly failing        smtp.gmail.com:587 PGP-SERVER-ORDER: PASS -> FAIL")
                .contains("because: rule files: " + old.resolve("privacyguides-2023/server-order.drl") + " -> "
                        + rules.resolve("privacyguides-2023/server-order.drl") + " (edited)")
                .contains("- TLSv1.2 cipher preference: client")
                .contains("1 newly failing, 0 newly passing");
        EvaluateCommandTest.Run same = EvaluateCommandTest.run("diff", "--from", rules.resolve("privacyguides-proposed").toString(),
                "--to", rules.resolve("privacyguides-proposed").toString(), fixtures.toString());
        assertThat(same.exit()).isZero();
        assertThat(same.out()).contains("0 newly failing, 0 newly passing, 0 other status change, 0 reason changed, 0 removed, 0 added, ")
                .doesNotContain("criteria\n");
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
                .startsWith("diff privacyguides-2023 2023.03 (rules/privacyguides-2023) -> privacyguides-proposed ")
                .contains("other status change  mx.port25-debate.test:25 PGP-NO-VULNS: FAIL -> WARN")
                .contains("added                mx.port25-debate.test:25 PGP-TLS-PORT25: (none) -> PASS")
                .contains("removed              mx.port25-debate.test:25 PGP-TLS-VERSION: WARN -> (removed)")
                .contains("  PGP-TLS-VERSION removed: ")
                .contains("18 verdicts: 0 newly failing, 0 newly passing, 1 other status change, 0 reason changed, 1 removed, 5 added, 11 unchanged")
                .doesNotContain("newly failing  ")
                .doesNotContain("warning:");
        assertThat(r.exit()).isZero();
    }

    /** FAIL always fails a diff; --fail-on adds WARN or INCONCLUSIVE, and an unknown status is a usage error. */
    @Test
    void failOnAddsStatusesThatFailTheDiff() {
        String[] base = {"diff", "--from", "rules/privacyguides-2023", "--to", "rules/privacyguides-proposed", "fixtures/port25-debate"};
        assertThat(EvaluateCommandTest.run(base).exit()).isZero();
        // PGP-NO-VULNS became WARN on the port-25 relay.
        assertThat(EvaluateCommandTest.run(concat(base, "--fail-on", "warn")).exit()).isEqualTo(1);
        // DNS-CAA-OR-DANE-AND-MTA-STS was added as INCONCLUSIVE (no domain facts).
        assertThat(EvaluateCommandTest.run(concat(base, "--fail-on", "inconclusive")).exit()).isEqualTo(1);
        assertThat(EvaluateCommandTest.run(concat(base, "--fail-on", "warn,inconclusive")).exit()).isEqualTo(1);
        EvaluateCommandTest.Run bad = EvaluateCommandTest.run(concat(base, "--fail-on", "pass"));
        assertThat(bad.exit()).isEqualTo(2);
        // The stricter direction: verdicts became FAIL.
        assertThat(EvaluateCommandTest.run("diff", "--from", "rules/privacyguides-proposed", "--to", "rules/privacyguides-2023",
                "fixtures/port25-debate").exit()).isEqualTo(1);
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    /**
     * A threshold in a shared table (Mozilla's dh_param_size, in rules/mozilla-common) edited in a
     * copy of the rules tree: the criterion that reads the table's label is edited, the changed
     * line shows with its context, the endpoints it moves are named; the table's other labels
     * leave the other criteria alone.
     */
    @Test
    void aThresholdEditedInASharedTableShowsAsAnEditedCriterion() throws Exception {
        Path old = tmp.resolve("moz-old");
        Path now = tmp.resolve("moz-new");
        for (String d : List.of("common", "mozilla-common", "mozilla-intermediate-5.7")) {
            TreeCopy.copy(Path.of("rules", d), old.resolve(d));
            TreeCopy.copy(Path.of("rules", d), now.resolve(d));
        }
        Path table = now.resolve("mozilla-common/intermediate/profile.drl");
        String text = Files.readString(table);
        assertThat(text).contains("dhBits < 2048 )");
        Files.writeString(table, text.replace("dhBits < 2048 )", "dhBits < 3072 )"));
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("diff", "--from", old.resolve("mozilla-intermediate-5.7").toString(),
                "--to", now.resolve("mozilla-intermediate-5.7").toString(), "fixtures", "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode d = FactsCodec.json().readTree(r.out());
        String key = old.resolve("mozilla-common/intermediate/profile.drl") + " -> " + table;
        assertThat(d.path("criteria")).hasSize(1);
        JsonNode c = d.path("criteria").get(0);
        assertThat(c.path("criterion").asText()).isEqualTo("MOZ-DH");
        assertThat(c.path("change").asText()).isEqualTo("edited");
        assertThat(c.path("files").get(0).asText()).isEqualTo(key);
        List<String> endpoints = new ArrayList<>();
        c.path("endpoints").forEach(e -> endpoints.add(e.asText()));
        assertThat(endpoints).contains("mx.port25-debate.test:25", "127.0.0.1:25");
        List<String> diff = new ArrayList<>();
        d.path("files").get(0).path("diff").forEach(l -> diff.add(l.asText()));
        assertThat(d.path("files").get(0).path("file").asText()).isEqualTo(key);
        int minus = diff.indexOf("-    $c : CipherFact( finiteFieldDh, dhBits != null, dhBits < 2048 )");
        assertThat(minus).as(String.join("\n", diff)).isPositive();
        assertThat(diff.get(minus + 1)).isEqualTo("+    $c : CipherFact( finiteFieldDh, dhBits != null, dhBits < 3072 )");
        // Three lines of context: the table's own lines just above the edited one.
        List<String> lines = List.of(text.split("\n", -1));
        int edited = lines.indexOf("    $c : CipherFact( finiteFieldDh, dhBits != null, dhBits < 2048 )");
        assertThat(diff.subList(minus - 3, minus)).as("three lines of context before the change")
                .containsExactlyElementsOf(lines.subList(edited - 3, edited).stream().map(l -> " " + l).toList());
        d.path("changes").forEach(ch -> {
            assertThat(ch.path("criterion").asText()).isEqualTo("MOZ-DH");
            assertThat(ch.path("bucket").asText()).isEqualTo("newly-failing");
            assertThat(ch.path("files").get(0).asText()).isEqualTo(key);
            assertThat(endpoints).contains(ch.path("endpoint").asText());
        });
        assertThat(d.path("summary").path("newlyFailing").asInt()).isEqualTo(d.path("changes").size()).isPositive();
    }

    /** The debate's diff is a golden: replay rebuilds it, a rule edit that moves a verdict fails the replay until --update. */
    @Test
    void replayKeepsADiffGolden() throws IOException {
        Path debate = tmp.resolve("debate");
        TreeCopy.copy(Path.of("fixtures/port25-debate"), debate);
        Files.deleteIfExists(debate.resolve("expected/diff-privacyguides-2023-privacyguides-proposed.json"));
        String from = rules.resolve("privacyguides-2023").toString();
        String to = rules.resolve("privacyguides-proposed").toString();
        Path golden = debate.resolve("expected/diff-privacyguides-2023-privacyguides-proposed.json");
        EvaluateCommandTest.Run missing = EvaluateCommandTest.run("replay", debate.toString(), "--policy", to, "--diff", from, to);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).contains("MISSING " + golden);
        assertThat(EvaluateCommandTest.run("replay", debate.toString(), "--policy", to, "--diff", from, to, "--update").exit()).isZero();
        assertThat(golden).exists();
        // The 2023 verdict golden names the temporary policy folder from now on, so only the diff golden can change below.
        assertThat(EvaluateCommandTest.run("replay", debate.toString(), "--policy", from, "--update").exit()).isZero();
        // Found by its name from now on; --diff is not needed.
        EvaluateCommandTest.Run again = EvaluateCommandTest.run("replay", debate.toString(), "--policy", from);
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("1 policy diff(s): 2 match, 0 changed");

        Path port25 = rules.resolve("privacyguides-proposed/tls-port25.drl");
        Files.writeString(port25, Files.readString(port25).replace("older TLS is allowed beside it on port 25", "older TLS tolerated"));
        String kept = Files.readString(golden);
        EvaluateCommandTest.Run changed = EvaluateCommandTest.run("replay", debate.toString(), "--policy", from);
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.out()).contains("CHANGED " + golden).doesNotContain("CHANGED " + debate.resolve("expected/privacyguides-2023.json"))
                .contains("1 policy diff(s): 1 match, 1 changed");
        assertThat(Files.readString(golden)).isEqualTo(kept);
    }
}
