package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.JsonReportStream;
import org.tlsverdict.report.ReportWriter;
import org.tlsverdict.report.VerdictReport;

/** The report written in pieces is the report written whole, and the streamed comparison tells a golden that differs anywhere. */
class GoldenStreamTest {

    @TempDir
    Path tmp;

    private record Made(String whole, String head, byte[] results, String tail) {
    }

    private static Made make(CompiledPolicy policy, List<EndpointResult> results, List<VerdictReport.InputError> errors) {
        List<EndpointResult> ordered = results.stream().sorted(VerdictReport.ORDER).toList();
        String whole = ReportWriter.render(VerdictReport.of(policy, results, errors), policy, Format.json, false, false);
        JsonReportStream.Frame frame = JsonReportStream.frame(policy, JsonReportStream.summary(JsonReportStream.counts(ordered)), errors);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int i = 0; i < ordered.size(); i++) {
            if (i > 0) {
                pieces.writeBytes(JsonReportStream.SEPARATOR);
            }
            pieces.writeBytes(JsonReportStream.element(ordered.get(i)));
        }
        return new Made(whole, frame.head(), pieces.toByteArray(), frame.tail(!ordered.isEmpty()));
    }

    private static boolean compare(Path golden, Made m) throws Exception {
        try (GoldenStream s = new GoldenStream(golden)) {
            int half = m.results().length / 2;
            s.write(java.util.Arrays.copyOfRange(m.results(), 0, half));
            s.write(java.util.Arrays.copyOfRange(m.results(), half, m.results().length));
            boolean same = s.finish(m.head(), m.tail());
            if (!same) {
                assertThat(s.fresh()).isEqualTo(m.whole());
            }
            return same;
        }
    }

    @Test
    void piecesMakeTheWholeReportAndDifferencesAnywhereAreSeen() throws Exception {
        CompiledPolicy policy = RuleCompiler.withDefaultCache(false).compile(PolicyLoader.load(BundledPolicies.locate("rules/privacyguides-proposed")));
        List<EndpointResult> results;
        try (Batch batch = new Batch()) {
            results = batch.run(policy, List.of(new Batch.Input(Path.of("fixtures/seed-forum/gmail-587.json"), "gmail-587.json"),
                    new Batch.Input(Path.of("fixtures/seed-forum/jonaharagon-587.json"), "jonaharagon-587.json")),
                    Instant.parse(GoldenInstant.DEFAULT_AT), null).results();
        }
        List<VerdictReport.InputError> errors = List.of(new VerdictReport.InputError("broken.json", "broken.json: empty file"));
        for (List<VerdictReport.InputError> e : List.of(List.<VerdictReport.InputError>of(), errors)) {
            for (List<EndpointResult> r : List.of(results, List.<EndpointResult>of())) {
                Made m = make(policy, r, e);
                assertThat(m.head() + new String(m.results(), StandardCharsets.UTF_8) + m.tail()).isEqualTo(m.whole());
                Path golden = tmp.resolve("golden.json");
                Files.writeString(golden, m.whole());
                assertThat(compare(golden, m)).as("equal golden").isTrue();
                // A change in the head (summary), in a result, in the tail, and a golden longer or shorter.
                for (String changed : List.of(m.whole().replaceFirst("\"endpoints\" : \\d+", "\"endpoints\" : 99"),
                        m.whole().replaceFirst("\"status\" : \"FAIL\"", "\"status\" : \"PASS\""), m.whole() + " ",
                        m.whole().substring(0, m.whole().length() - 2))) {
                    if (!changed.equals(m.whole())) {
                        Files.writeString(golden, changed);
                        assertThat(compare(golden, m)).as("changed golden").isFalse();
                    }
                }
            }
        }
        assertThat(compare(tmp.resolve("missing.json"), make(policy, results, List.of()))).isFalse();
    }

    /** A written golden is not private: new, it has the mode of any new file here; rewritten, it keeps its own. */
    @Test
    void aGoldenHasTheUsersModeNotATemporaryFilesOne() throws Exception {
        CompiledPolicy policy = RuleCompiler.withDefaultCache(false).compile(PolicyLoader.load(BundledPolicies.locate("rules/privacyguides-proposed")));
        Made m = make(policy, List.of(), List.of());
        Path golden = tmp.resolve("expected/golden.json");
        try (GoldenStream s = new GoldenStream(golden)) {
            assertThat(s.finish(m.head(), m.tail())).isFalse();
            s.writeGolden();
        }
        Path plain = Files.createFile(tmp.resolve("plain"));
        assertThat(Files.readString(golden)).isEqualTo(m.whole());
        assertThat(Files.getPosixFilePermissions(golden)).isEqualTo(Files.getPosixFilePermissions(plain));
        java.util.Set<java.nio.file.attribute.PosixFilePermission> own = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(golden, own);
        Files.writeString(golden, "old");
        try (GoldenStream s = new GoldenStream(golden)) {
            assertThat(s.finish(m.head(), m.tail())).isFalse();
            s.writeGolden();
        }
        assertThat(Files.readString(golden)).isEqualTo(m.whole());
        assertThat(Files.getPosixFilePermissions(golden)).isEqualTo(own);
        try (java.util.stream.Stream<Path> left = Files.list(golden.getParent())) {
            assertThat(left).containsExactly(golden);
        }
    }
}
