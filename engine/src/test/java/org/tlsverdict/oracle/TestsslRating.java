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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyManifest;
import org.tlsverdict.policy.Verdict;

/**
 * testssl.sh's own SSL Labs rating read straight from its raw output (flat or pretty JSON, CSV),
 * not through the importer, and compared letter by letter with the ssllabs-caps policy.
 */
final class TestsslRating {

    static final String AUTHORITY = "testssl.sh rating";
    private static final List<String> LETTERS = List.of("A", "B", "C", "F", "M", "T");
    private static final Pattern CAP = Pattern.compile("Grade capped to ([A-Z])\\. (.*)");
    private static final Pattern DAYS_LEFT = Pattern.compile("(?:(\\d+) >= \\d+ days|expires < \\d+ days \\((\\d+)\\))");
    private static final Pattern CSV_FIELD = Pattern.compile("\"([^\"]*+(?:\"\"[^\"]*+)*+)\"");

    private TestsslRating() {
    }

    /** One endpoint as testssl.sh rated it: its caps by letter with the reasons it gave. */
    record Rated(String file, String ip, int port, String grade, Map<String, List<String>> caps, Instant scannedAt) {
    }

    /** Where ssllabs-caps and testssl.sh disagree on one letter: our status, their words. */
    record Observed(Rated where, String criterion, String ours, String theirs) {
        @Override
        public String toString() {
            return where.file + " " + where.ip + ":" + where.port + " " + criterion + ": ours " + ours + ", testssl.sh " + theirs;
        }
    }

    /** The comparison of one endpoint: letters that agree, and the disagreements. */
    record Compared(int agreements, List<Observed> differences) {
    }

    /** ssllabs-caps' status per criterion id for the facts, judged at the time of the scan. */
    static Map<String, String> judge(CompiledPolicy policy, EndpointFacts facts, Instant at, String source) {
        Map<String, String> statuses = new TreeMap<>();
        for (Verdict v : new Evaluator(policy, CipherRegistry.standard(), at).evaluate(facts, source).verdicts()) {
            statuses.put(v.criterion(), v.status().name());
        }
        return statuses;
    }

    static Compared compare(Rated r, Map<String, String> ours) {
        int agreements = 0;
        List<Observed> differences = new ArrayList<>();
        for (String letter : LETTERS) {
            String criterion = letter.equals("A") ? "none" : "SSLLABS-CAP-" + letter;
            String our = letter.equals("A") ? "NOT_JUDGED" : ours.get(criterion);
            boolean theyCap = r.caps.containsKey(letter);
            if (theyCap == "FAIL".equals(our)) {
                agreements++;
            } else {
                differences.add(new Observed(r, criterion, our, theyCap ? String.join("; ", r.caps.get(letter)) : "no cap"));
            }
        }
        return new Compared(agreements, differences);
    }

    /** The recorded difference that explains {@code o}, or null. */
    static PolicyManifest.Difference recorded(PolicyManifest manifest, Observed o) {
        for (PolicyManifest.Difference d : manifest.differences()) {
            if (AUTHORITY.equals(d.authority()) && o.criterion.equals(d.criterion()) && o.ours.equals(d.ours())
                    && o.theirs.contains(d.theirs())) {
                return d;
            }
        }
        return null;
    }

    /** Every rated endpoint of one testssl.sh output (none when it carries no rating). */
    static List<Rated> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (!text.contains("overall_grade")) {
            return List.of();
        }
        Map<String, Map<String, String>> byEndpoint = file.toString().endsWith(".csv") ? csvRows(text) : jsonRows(text);
        List<Rated> out = new ArrayList<>();
        byEndpoint.forEach((key, rows) -> {
            if (rows.containsKey("overall_grade")) {
                out.add(rated(file.toString(), key, rows));
            }
        });
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
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            List<String> cells = new ArrayList<>();
            Matcher m = CSV_FIELD.matcher(line);
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
