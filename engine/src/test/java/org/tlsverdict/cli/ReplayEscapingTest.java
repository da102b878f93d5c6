package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.FactsCodec;

/**
 * A facts file whose raw lines hold a character outside the BMP and a lone surrogate: plain
 * {@code replay} (goldens from the fast writer, compared as bytes) and {@code replay --format json}
 * (the report through Jackson, compared as text) write the same golden, byte for byte, each
 * accepts the other's, and the texts read back from the golden are the ones in the facts.
 */
class ReplayEscapingTest {

    @TempDir
    Path tmp;

    private static final String POLICY = "rules/privacyguides-proposed";
    /** As the facts file says it: an emoji as UTF-8 bytes, then a lone high surrogate (JSON can only escape it). */
    private static final String ODD_IN_FILE = "\ud83d\ude00 \\ud800 ";
    private static final String ODD = "\ud83d\ude00 \ud800 ";

    private Path folder() throws Exception {
        Path dir = tmp.resolve("odd");
        Files.createDirectories(dir);
        String facts = Files.readString(Path.of("fixtures/seed-forum/gmail-587.json"))
                .replace("\"raw\": \"", "\"raw\": \"" + ODD_IN_FILE)
                .replace("\"collector\": \"nmap-text (transcribed by hand)\"", "\"collector\": \"nmap-text " + ODD_IN_FILE + "\"");
        Files.write(dir.resolve("odd.json"), facts.getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    private static EvaluateCommandTest.Run replay(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", dir.toString(), "--policy", POLICY));
        args.addAll(List.of(extra));
        return EvaluateCommandTest.run(args.toArray(String[]::new));
    }

    @Test
    void plainReplayAndFormatJsonWriteAndAcceptTheSameGolden() throws Exception {
        Path dir = folder();
        Path golden = dir.resolve("expected/privacyguides-proposed.json");

        EvaluateCommandTest.Run plain = replay(dir, "--update");
        assertThat(plain.exit()).as(plain.out() + plain.err()).isZero();
        byte[] byPlain = Files.readAllBytes(golden);
        EvaluateCommandTest.Run json = replay(dir, "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.err()).contains("1 match, 0 changed");

        Files.delete(golden);
        EvaluateCommandTest.Run jsonUpdate = replay(dir, "--format", "json", "--update");
        assertThat(jsonUpdate.exit()).as(jsonUpdate.err()).isZero();
        assertThat(new String(Files.readAllBytes(golden), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(byPlain, StandardCharsets.ISO_8859_1));
        EvaluateCommandTest.Run plainAgain = replay(dir);
        assertThat(plainAgain.exit()).as(plainAgain.out()).isZero();
        assertThat(plainAgain.out()).contains("1 match, 0 changed");

        // Escaped, so the golden is ASCII there, and Jackson reads back the texts of the facts file.
        String text = new String(byPlain, StandardCharsets.UTF_8);
        assertThat(text).contains("\\uD83D\\uDE00 \\uD800 ").doesNotContain("?");
        JsonNode report = FactsCodec.json().readTree(byPlain);
        List<String> raws = new ArrayList<>();
        report.findValues("raw").forEach(n -> raws.add(n.asText()));
        // Evidence the engine writes itself (protocols.TLSv1.0, ...) has no raw line from the file.
        assertThat(raws.stream().filter(raw -> raw.startsWith(ODD))).hasSizeGreaterThan(10);
        assertThat(raws).noneMatch(raw -> raw.contains("?"));
        assertThat(report.findValues("collector")).extracting(JsonNode::asText).contains("nmap-text " + ODD);

        // The document on stdout of replay and evaluate: the same escapes.
        assertThat(json.out()).contains("\\uD83D\\uDE00 \\uD800 ");
        EvaluateCommandTest.Run evaluate = EvaluateCommandTest.run("evaluate", dir.resolve("odd.json").toString(), "--policy", POLICY,
                "--format", "json");
        assertThat(evaluate.out()).contains("\\uD83D\\uDE00 \\uD800 ");
        assertThat(evaluate.out().chars().filter(c -> Character.isSurrogate((char) c))).isEmpty();
    }
}
