package org.tlsverdict.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.PolicyManifest;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Verdict;

/**
 * The ssllabs-caps policy against testssl.sh's own SSL Labs rating, on every saved testssl.sh
 * output under fixtures/ that carries one ({@code overall_grade}, {@code grade_cap_reason_N}).
 * testssl.sh's caps are read here straight from the raw file, not through the importer; the
 * policy judges the imported facts at the time of the scan (the leaf's notAfter minus the days
 * testssl.sh said were left), so an expiry since then is not a difference. For each cap letter
 * the two must agree, or the difference must be recorded in rules/ssllabs-caps/policy.yaml with
 * the source that decides it; a recorded difference that no output shows any more fails too.
 */
class TestsslRatingComparisonTest {

    private static final String AUTHORITY = "testssl.sh rating";
    private static final Path POLICY = Path.of("rules/ssllabs-caps");
    private static final List<String> LETTERS = List.of("A", "B", "C", "F", "M", "T");
    private static final Pattern CAP = Pattern.compile("Grade capped to ([A-Z])\\. (.*)");
    private static final Pattern DAYS_LEFT = Pattern.compile("(?:(\\d+) >= \\d+ days|expires < \\d+ days \\((\\d+)\\))");
    private static CompiledPolicy compiled;
    private static PolicyManifest manifest;

    @BeforeAll
    static void compile() throws Exception {
        var policy = PolicyLoader.load(POLICY);
        manifest = policy.manifest();
        compiled = RuleCompiler.withoutCache().compile(policy);
    }

    /** One endpoint as testssl.sh rated it: its caps by letter with the reasons it gave. */
    private record Rated(String file, String ip, int port, String grade, Map<String, List<String>> caps, Instant scannedAt) {
    }

    /** Our status for the letter and testssl.sh's words, on an endpoint where they disagree. */
    private record Observed(Rated where, String criterion, String ours, String theirs) {
        @Override
        public String toString() {
            return where.file + " " + where.ip + ":" + where.port + " " + criterion + ": ours " + ours + ", testssl.sh " + theirs;
        }
    }

    @Test
    void everyDifferenceFromTestsslsOwnRatingIsRecordedWithTheSourceThatDecides() throws Exception {
        List<Rated> rated = ratedEndpoints();
        assertThat(rated).as("saved testssl.sh outputs with a rating").hasSizeGreaterThanOrEqualTo(6);
        List<Observed> unexplained = new ArrayList<>();
        Set<PolicyManifest.Difference> seen = new LinkedHashSet<>();
        int agreements = 0;
        for (Rated r : rated) {
            Map<String, String> ours = judge(r);
            for (String letter : LETTERS) {
                String criterion = letter.equals("A") ? "none" : "SSLLABS-CAP-" + letter;
                String our = letter.equals("A") ? "NOT_JUDGED" : ours.get(criterion);
                boolean theyCap = r.caps.containsKey(letter);
                boolean weCap = "FAIL".equals(our);
                if (theyCap == weCap) {
                    agreements++;
                    continue;
                }
                String theirs = theyCap ? String.join("; ", r.caps.get(letter)) : "no cap";
                Observed o = new Observed(r, criterion, our, theirs);
                PolicyManifest.Difference d = recorded(o);
                if (d == null) {
                    unexplained.add(o);
                } else {
                    seen.add(d);
                }
            }
        }
        System.out.printf("testssl.sh rating vs ssllabs-caps: %d endpoints, %d letter verdicts agree, %d recorded differences%n",
                rated.size(), agreements, seen.size());
        assertThat(unexplained).as("differences from testssl.sh's rating not recorded in %s/policy.yaml", POLICY).isEmpty();
        List<PolicyManifest.Difference> stale = manifest.differences().stream()
                .filter(d -> AUTHORITY.equals(d.authority()) && !seen.contains(d)).toList();
        assertThat(stale).as("recorded differences that no saved testssl.sh output shows").isEmpty();
        assertThat(agreements).as("the comparison must compare something").isGreaterThan(rated.size() * 3);
    }

    @Test
    void everyRecordedDifferenceNamesItsDecidingSource() {
        assertThat(manifest.differences()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.decides()).as(d.toString()).startsWith("https://");
            assertThat(d.why()).as(d.toString()).isNotBlank();
            assertThat(d.ours()).as(d.toString()).isIn("PASS", "FAIL", "WARN", "INCONCLUSIVE", "NOT_APPLICABLE", "NOT_JUDGED");
        });
    }

    private static PolicyManifest.Difference recorded(Observed o) {
        for (PolicyManifest.Difference d : manifest.differences()) {
            if (AUTHORITY.equals(d.authority()) && o.criterion.equals(d.criterion()) && o.ours.equals(d.ours())
                    && o.theirs.contains(d.theirs())) {
                return d;
            }
        }
        return null;
    }

    private static Map<String, String> judge(Rated r) throws Exception {
        FactsDocument doc = InputReader.read(Path.of(r.file), r.file);
        Evaluator evaluator = new Evaluator(compiled, CipherRegistry.standard(), r.scannedAt);
        Map<String, String> statuses = new TreeMap<>();
        for (EndpointFacts e : doc.endpoints()) {
            if (e.endpoint().port() != r.port || !r.ip.equals(e.endpoint().ip())) {
                continue;
            }
            EndpointResult result = evaluator.evaluate(e, r.file);
            for (Verdict v : result.verdicts()) {
                statuses.put(v.criterion(), v.status().name());
            }
        }
        assertThat(statuses).as("imported endpoint %s:%d of %s", r.ip, r.port, r.file).isNotEmpty();
        return statuses;
    }

    private static List<Rated> ratedEndpoints() throws IOException {
        List<Rated> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".json") && !name.endsWith(".csv")) {
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                if (!text.contains("overall_grade")) {
                    continue;
                }
                Map<String, Map<String, String>> byEndpoint = name.endsWith(".csv") ? csvRows(text) : jsonRows(text);
                byEndpoint.forEach((key, rows) -> out.add(rated(f.toString(), key, rows)));
            }
        }
        return out;
    }

    private static Rated rated(String file, String key, Map<String, String> rows) {
        String ip = key.substring(0, key.lastIndexOf(' '));
        int port = Integer.parseInt(key.substring(key.lastIndexOf(' ') + 1));
        Map<String, List<String>> caps = new TreeMap<>();
        rows.forEach((id, finding) -> {
            Matcher m = CAP.matcher(finding);
            if (id.startsWith("grade_cap_reason_") && m.matches()) {
                caps.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            }
        });
        return new Rated(file, ip, port, rows.get("overall_grade"), caps, scannedAt(file, rows));
    }

    /**
     * The scan ran when the leaf had as many days left as testssl.sh reported. An output cut down
     * to a few findings may have no certificate; then no verdict depends on the time.
     */
    private static Instant scannedAt(String file, Map<String, String> rows) {
        String status = first(rows, "cert_expirationStatus");
        String notAfter = first(rows, "cert_notAfter");
        if (status == null && notAfter == null) {
            return Instant.parse("2026-01-01T00:00:00Z");
        }
        assertThat(status).as("%s: cert_expirationStatus", file).isNotNull();
        assertThat(notAfter).as("%s: cert_notAfter", file).isNotNull();
        Matcher m = DAYS_LEFT.matcher(status);
        assertThat(m.find()).as("%s: days left in '%s'", file, status).isTrue();
        long days = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
        Instant end = LocalDateTime.parse(notAfter.trim(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")).toInstant(ZoneOffset.UTC);
        return end.minus(Duration.ofDays(days)).minus(Duration.ofHours(12));
    }

    /** The first host certificate's finding: {@code id} or {@code id <hostCert#1>}. */
    private static String first(Map<String, String> rows, String id) {
        return rows.getOrDefault(id, rows.get(id + " <hostCert#1>"));
    }

    private static Map<String, Map<String, String>> jsonRows(String text) throws IOException {
        JsonNode root = new ObjectMapper().readTree(text);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (root.isArray()) {
            for (JsonNode row : root) {
                put(out, row.path("ip").asText(), row.path("port").asText(), row.path("id").asText(), row.path("finding").asText());
            }
            return out;
        }
        for (JsonNode target : root.path("scanResult")) {
            String ip = target.path("ip").asText();
            String port = target.path("port").asText();
            target.fields().forEachRemaining(section -> {
                for (JsonNode row : section.getValue()) {
                    if (row.isObject()) {
                        put(out, ip, port, row.path("id").asText(), row.path("finding").asText());
                    }
                }
            });
        }
        return out;
    }

    private static Map<String, Map<String, String>> csvRows(String text) {
        Pattern field = Pattern.compile("\"([^\"]*+(?:\"\"[^\"]*+)*+)\"");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            List<String> cells = new ArrayList<>();
            Matcher m = field.matcher(line);
            while (m.find()) {
                cells.add(m.group(1).replace("\"\"", "\""));
            }
            if (cells.size() >= 5 && !cells.get(0).equals("id")) {
                put(out, cells.get(1), cells.get(2), cells.get(0), cells.get(4));
            }
        }
        return out;
    }

    /** testssl.sh names a target {@code host/ip} (or the bare ip in the pretty format). */
    private static void put(Map<String, Map<String, String>> out, String target, String port, String id, String finding) {
        String ip = target.substring(target.indexOf('/') + 1);
        out.computeIfAbsent(ip + " " + port, k -> new LinkedHashMap<>()).putIfAbsent(id, finding);
    }
}
