package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.CollectHint;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * The results of the JSON report as the fast writer writes them are Jackson's bytes: on every
 * fixture judged by several policies, and on made-up results with everything odd a policy or a
 * facts file can put in them; also when one writer writes many results and copies the verdicts
 * it has written before.
 */
class ResultJsonWriterTest {

    private static void assertSame(JsonReportStream.Elements elements, EndpointResult r) {
        String jackson = new String(JsonReportStream.jacksonElement(r), StandardCharsets.UTF_8);
        assertThat(new String(elements.element(r), StandardCharsets.UTF_8)).isEqualTo(jackson);
        assertThat(new String(JsonReportStream.element(r), StandardCharsets.UTF_8)).isEqualTo(jackson);
    }

    @Test
    void theRecordsAreAsTheWriterKnowsThem() {
        // Otherwise every result goes to Jackson and the comparisons below compare Jackson with itself.
        assertThat(ResultJsonWriter.USABLE).isTrue();
        record Other(String criterion, String title) {
        }
        assertThat(ResultJsonWriter.shaped(Other.class, "criterion", "title")).isTrue();
        assertThat(ResultJsonWriter.shaped(Other.class, "criterion", "title", "level")).isFalse();
        assertThat(ResultJsonWriter.shaped(Other.class, "title", "criterion")).isFalse();
    }

    @Test
    void everyFixtureJudgedBySeveralPoliciesIsWrittenAsJacksonWritesIt() throws Exception {
        List<EndpointResult> results = new ArrayList<>();
        for (String policyDir : List.of("rules/privacyguides-proposed", "rules/mozilla-intermediate-6.0", "rules/ncsc-nl-2025-05")) {
            CompiledPolicy policy = RuleCompiler.withDefaultCache(false).compile(PolicyLoader.load(BundledPolicies.locate(policyDir)));
            Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), Instant.parse("2026-06-01T00:00:00Z"));
            for (Map.Entry<Path, List<Path>> folder : InputFiles.byFolder(List.of(Path.of("fixtures"))).entrySet()) {
                for (Path p : folder.getValue()) {
                    FactsDocument doc;
                    try {
                        doc = InputReader.read(p, p.getFileName().toString());
                    } catch (FactsFormatException e) {
                        continue;
                    }
                    results.addAll(evaluator.evaluateAll(doc, p.toString()));
                }
            }
        }
        assertThat(results).hasSizeGreaterThan(100);
        // Some verdicts carry evidence, some hints, some neither: all three shapes are exercised.
        assertThat(results.stream().flatMap(r -> r.verdicts().stream()).anyMatch(v -> v.collect() != null)).isTrue();
        assertThat(results.stream().flatMap(r -> r.verdicts().stream()).anyMatch(v -> !v.evidence().isEmpty())).isTrue();
        JsonReportStream.Elements one = new JsonReportStream.Elements();
        for (EndpointResult r : results) {
            assertSame(one, r);
        }
    }

    private static final String[] ODD = {"", " ", "plain", "quote \" and backslash \\ and slash /", "tab\tnew\nline\rcr\bback\fform",
            "\u0000\u0001\u001f\u007f", "caf\u00e9 \u00fc\u00df \u07ff", "\u0800 \u20ac \u2028 \u2029 \uffff \ufeff", "emoji \ud83d\ude00 pair",
            "lone high \ud800 x", "lone low \udc00", "\udbff\udfff", "<script>&amp;</script>", "\u65e5\u672c\u8a9e", "null", "question?", "why? \ud800?"};

    private static String odd(Random rnd) {
        if (rnd.nextInt(20) == 0) {
            // Long values, some past the writer's first buffer.
            StringBuilder b = new StringBuilder();
            int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 100 : 40_000);
            for (int i = 0; i < n; i++) {
                b.append(rnd.nextInt(10) == 0 ? ODD[rnd.nextInt(ODD.length)] : (char) (' ' + rnd.nextInt(95)));
            }
            return b.toString();
        }
        if (rnd.nextInt(4) == 0) {
            // Any UTF-16 unit at all.
            char[] c = new char[1 + rnd.nextInt(12)];
            for (int i = 0; i < c.length; i++) {
                c[i] = (char) rnd.nextInt(0x10000);
            }
            return new String(c);
        }
        return ODD[rnd.nextInt(ODD.length)];
    }

    private static String maybe(Random rnd) {
        return rnd.nextInt(5) == 0 ? null : odd(rnd);
    }

    private static <T> List<T> list(Random rnd, java.util.function.Supplier<T> item, boolean nulls) {
        int n = rnd.nextInt(4);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(nulls && rnd.nextInt(8) == 0 ? null : item.get());
        }
        return rnd.nextBoolean() ? out : java.util.Collections.unmodifiableList(out);
    }

    private static Verdict verdict(Random rnd) {
        Status status = rnd.nextInt(8) == 0 ? null : Status.values()[rnd.nextInt(Status.values().length)];
        return new Verdict(maybe(rnd), maybe(rnd), maybe(rnd), status, maybe(rnd), maybe(rnd),
                rnd.nextInt(6) == 0 ? null : list(rnd, () -> new Evidence(maybe(rnd), maybe(rnd), maybe(rnd), maybe(rnd)), true),
                rnd.nextInt(6) == 0 ? null : list(rnd, () -> maybe(rnd), true),
                rnd.nextInt(3) == 0 ? null : list(rnd, () -> new CollectHint(maybe(rnd), maybe(rnd)), false));
    }

    private static Endpoint endpoint(Random rnd) {
        String host = rnd.nextInt(6) == 0 ? null : odd(rnd) + "x";
        String ip = host == null || rnd.nextBoolean() ? null : odd(rnd);
        int port = 1 + rnd.nextInt(65535);
        Service service = rnd.nextBoolean() ? null : Service.values()[rnd.nextInt(Service.values().length)];
        Transport transport = rnd.nextBoolean() ? null : Transport.values()[rnd.nextInt(Transport.values().length)];
        return new Endpoint(host == null || host.isBlank() ? null : host, host == null || host.isBlank() ? null : ip, port, service, transport);
    }

    @Test
    void oddResultsAreWrittenAsJacksonWritesThem() {
        Random rnd = new Random(18);
        JsonReportStream.Elements one = new JsonReportStream.Elements();
        List<Verdict> seen = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            List<Verdict> verdicts = new ArrayList<>();
            int n = rnd.nextInt(6);
            for (int k = 0; k < n; k++) {
                int pick = rnd.nextInt(4);
                Verdict v;
                if (pick == 0 && !seen.isEmpty()) {
                    // The same verdict again (copied by the writer).
                    v = seen.get(rnd.nextInt(seen.size()));
                } else if (pick == 1 && !seen.isEmpty()) {
                    // Equal parts, another verdict; or one part changed (must not be taken for the one written before).
                    Verdict o = seen.get(rnd.nextInt(seen.size()));
                    v = rnd.nextBoolean() ? new Verdict(o.criterion(), o.title(), o.level(), o.status(), o.message(), o.expected(),
                            o.evidence(), o.rules(), o.collect())
                            : new Verdict(o.criterion(), o.title(), o.level(), o.status(), o.message() + "!", o.expected(),
                            o.evidence(), o.rules(), o.collect());
                } else if (pick == 2 && !seen.isEmpty()) {
                    // The same parts with the evidence read from another file (written from the first one's bytes);
                    // sometimes from two files (written afresh).
                    v = resourced(seen.get(rnd.nextInt(seen.size())), odd(rnd), rnd.nextInt(5) == 0 ? odd(rnd) : null);
                } else {
                    v = verdict(rnd);
                }
                seen.add(v);
                verdicts.add(rnd.nextInt(30) == 0 ? null : v);
            }
            EndpointResult r = new EndpointResult(rnd.nextInt(10) == 0 ? null : endpoint(rnd), maybe(rnd), maybe(rnd),
                    rnd.nextInt(10) == 0 ? null : Status.values()[rnd.nextInt(Status.values().length)],
                    rnd.nextInt(10) == 0 ? null : verdicts);
            assertSame(rnd.nextInt(50) == 0 ? new JsonReportStream.Elements() : one, r);
        }
    }

    /** {@code v} with every evidence source set to {@code file} ({@code second}, when not null, for the last one). */
    private static Verdict resourced(Verdict v, String file, String second) {
        if (v.evidence() == null) {
            return v;
        }
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < v.evidence().size(); i++) {
            Evidence e = v.evidence().get(i);
            String source = second != null && i == v.evidence().size() - 1 ? second : file;
            evidence.add(e == null ? null : new Evidence(e.observed(), e.collector(), e.source() == null ? null : source, e.raw()));
        }
        return new Verdict(v.criterion(), v.title(), v.level(), v.status(), v.message(), v.expected(), evidence, v.rules(), v.collect());
    }

    @Test
    void verdictsThatDifferOnlyInTheFileTheirEvidenceWasReadFromAreWrittenFromOneTemplate() {
        Verdict base = new Verdict("C", "title", "MUST", Status.FAIL, "m", "e",
                List.of(new Evidence("TLSv1.0 offered", "facts", "host-1.json", "protocols.TLSv1.0"),
                        new Evidence("derived", "derived", null, "x"),
                        new Evidence("TLSv1.1 offered", "facts", "host-1.json", "protocols.TLSv1.1")),
                List.of("r"));
        Endpoint e = new Endpoint("mx.test", null, 25, null, null);
        ResultJsonWriter writer = new ResultJsonWriter();
        List<String> files = List.of("host-1.json", "host-2.json", "quote \" and \\.json", "caf\u00e9.json", "emoji \ud83d\ude00.json",
                "lone \ud800.json", "", "host-1.json", "a-much-longer-name-than-the-first-one/host-000001.json");
        for (String file : files) {
            Verdict v = resourced(base, file, null);
            EndpointResult r = new EndpointResult(e, file, Status.FAIL, List.of(v, resourced(base, "other.json", null)));
            assertThat(new String(writer.element(r), StandardCharsets.UTF_8))
                    .isEqualTo(new String(JsonReportStream.jacksonElement(r), StandardCharsets.UTF_8));
        }
        // Written at the first sighting, kept at the second (the first result's second verdict), then filled in.
        assertThat(writer.filled).isEqualTo(2L * files.size() - 2);
        // Evidence from two files, or differing in anything but the file: written afresh, as Jackson does.
        long filled = writer.filled;
        for (Verdict v : List.of(resourced(base, "a.json", "b.json"), resourced(base, "a.json", "b.json"),
                new Verdict("C", "title", "MUST", Status.FAIL, "m", "e",
                        List.of(new Evidence("TLSv1.0 offered", "facts", "a.json", "protocols.TLSv1.0"),
                                new Evidence("derived", "derived", "a.json", "x"),
                                new Evidence("TLSv1.1 offered", "facts", "a.json", "protocols.TLSv1.1")), List.of("r")),
                new Verdict("C", "title", "MUST", Status.FAIL, "m", "e",
                        List.of(new Evidence("TLSv1.0 offered", "facts", "a.json", "protocols.TLSv1.0"),
                                new Evidence("derived", "derived", null, "x"),
                                new Evidence("TLSv1.2 offered", "facts", "a.json", "protocols.TLSv1.1")), List.of("r")))) {
            EndpointResult r = new EndpointResult(e, "a.json", Status.FAIL, List.of(v));
            assertThat(new String(writer.element(r), StandardCharsets.UTF_8))
                    .isEqualTo(new String(JsonReportStream.jacksonElement(r), StandardCharsets.UTF_8));
        }
        assertThat(writer.filled).isEqualTo(filled);
    }

    @Test
    void aVerdictEqualInValueToOneWrittenBeforeIsCopiedAndOneThatDiffersIsNot() {
        Verdict base = new Verdict("C", "title", "MUST", Status.INCONCLUSIVE, "m", "e", List.of(), List.of("r"),
                List.of(new CollectHint("f", "how")));
        // Built from other (equal) strings and lists: the same bytes; a changed hint: other bytes.
        Verdict equal = new Verdict(new String("C"), new String("title"), "MUST", Status.INCONCLUSIVE, new String("m"), "e",
                new ArrayList<>(), new ArrayList<>(List.of("r")), List.of(new CollectHint("f", "how")));
        Verdict other = base.withCollect(List.of(new CollectHint("f", "how else")));
        // The very same parts but one: a text the writer's lookup does not hash.
        Verdict otherTitle = new Verdict(base.criterion(), "another title", base.level(), base.status(), base.message(), base.expected(),
                base.evidence(), base.rules(), base.collect());
        Verdict otherLevel = new Verdict(base.criterion(), base.title(), "SHOULD", base.status(), base.message(), base.expected(),
                base.evidence(), base.rules(), base.collect());
        Verdict otherExpected = new Verdict(base.criterion(), base.title(), base.level(), base.status(), base.message(), "e2",
                base.evidence(), base.rules(), base.collect());
        Endpoint e = new Endpoint("mx.test", null, 25, null, null);
        JsonReportStream.Elements one = new JsonReportStream.Elements();
        for (Verdict v : List.of(base, equal, base, other, base, other, otherTitle, otherLevel, otherExpected, base, otherTitle, otherTitle, equal)) {
            assertSame(one, new EndpointResult(e, "a.json", Status.INCONCLUSIVE, List.of(v, base)));
        }
    }

    /** The report as {@code replay} writes it in pieces (goldens): its frame around the fast writer's results. */
    private static byte[] streamed(CompiledPolicy policy, List<EndpointResult> results) {
        JsonReportStream.Frame frame = JsonReportStream.frame(policy, JsonReportStream.summary(JsonReportStream.counts(results)), List.of());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(frame.head().getBytes(StandardCharsets.UTF_8));
        JsonReportStream.Elements elements = new JsonReportStream.Elements();
        for (int i = 0; i < results.size(); i++) {
            out.writeBytes(i == 0 ? new byte[0] : JsonReportStream.SEPARATOR);
            out.writeBytes(elements.element(results.get(i)));
        }
        out.writeBytes(frame.tail(!results.isEmpty()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void surrogatesPairedOrLoneAreTheSameEscapesOnEveryPathAndReadBackAsTheyWere() throws Exception {
        CompiledPolicy policy = RuleCompiler.withDefaultCache(false).compile(PolicyLoader.load(BundledPolicies.locate("rules/privacyguides-proposed")));
        List<String> texts = new ArrayList<>(List.of("emoji \ud83d\ude00 in a subject", "lone high \ud800 x", "lone low \udc00",
                "\udbff\udfff", "low then high \udc00\ud800", "why? \ud800?", "caf\u00e9 \u20ac \uffff"));
        Random rnd = new Random(6);
        for (int i = 0; i < 200; i++) {
            char[] c = new char[1 + rnd.nextInt(8)];
            for (int k = 0; k < c.length; k++) {
                c[k] = (char) (rnd.nextBoolean() ? 0xD800 + rnd.nextInt(0x800) : rnd.nextInt(0x10000));
            }
            texts.add(new String(c));
        }
        List<EndpointResult> results = new ArrayList<>();
        for (String t : texts) {
            Verdict v = new Verdict("C", t, "MUST", Status.FAIL, t, "e", List.of(new Evidence(t, "nmap-text " + t, "f.json", "raw " + t)),
                    List.of("r " + t), List.of(new CollectHint(t, "how")));
            results.add(new EndpointResult(new Endpoint("mx.test", null, 25, null, null), "f " + t + ".json", Status.FAIL, List.of(v)));
        }
        results.sort(VerdictReport.ORDER);
        // replay --format json, evaluate --format json and replay --update with --format json: the whole report through Jackson as text.
        String text = JsonReport.json(VerdictReport.of(policy, results, List.of()));
        assertThat(text.chars().filter(c -> Character.isSurrogate((char) c)).count()).as("surrogates left unescaped").isZero();
        assertThat(text).contains("emoji \\uD83D\\uDE00 in a subject").contains("lone high \\uD800 x").contains("why? \\uD800?");
        // plain replay (goldens): the frame and the fast writer's results, as bytes.
        assertThat(new String(streamed(policy, results), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        // Jackson, and so any reader of the report, gets every text back as it was.
        com.fasterxml.jackson.databind.JsonNode read = org.tlsverdict.facts.FactsCodec.json().readTree(text.getBytes(StandardCharsets.UTF_8));
        List<String> messages = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        read.get("results").forEach(r -> {
            messages.add(r.get("verdicts").get(0).get("message").asText());
            raws.add(r.get("verdicts").get(0).get("evidence").get(0).get("raw").asText());
        });
        assertThat(messages).isEqualTo(results.stream().map(r -> r.verdicts().get(0).message()).toList());
        assertThat(raws).isEqualTo(results.stream().map(r -> r.verdicts().get(0).evidence().get(0).raw()).toList());
    }
}
