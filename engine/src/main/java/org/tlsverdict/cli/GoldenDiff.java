package org.tlsverdict.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tlsverdict.facts.FactsCodec;

/** Explains how a fresh verdict report differs from its golden file, one line per change. */
final class GoldenDiff {

    private GoldenDiff() {
    }

    static List<String> changes(String golden, String fresh) {
        Map<String, String> before;
        Map<String, String> after;
        try {
            before = statuses(FactsCodec.json().readTree(golden));
            after = statuses(FactsCodec.json().readTree(fresh));
        } catch (IOException e) {
            return notJson(e);
        }
        List<String> out = new ArrayList<>(WatchLoop.changes(before, after));
        if (out.isEmpty()) {
            out.add("statuses unchanged; messages, evidence or metadata differ");
        }
        return out;
    }

    /** How a fresh policy diff differs from its golden: one line per endpoint x criterion whose bucket or statuses moved. */
    static List<String> diffChanges(String golden, String fresh) {
        Map<String, String> before;
        Map<String, String> after;
        try {
            before = buckets(FactsCodec.json().readTree(golden));
            after = buckets(FactsCodec.json().readTree(fresh));
        } catch (IOException e) {
            return notJson(e);
        }
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            String b = before.getOrDefault(k, "unchanged");
            String a = after.getOrDefault(k, "unchanged");
            if (!a.equals(b)) {
                out.add(k + ": was " + b + ", now " + a);
            }
        }
        if (out.isEmpty()) {
            out.add("buckets unchanged; messages, rule files, evidence or counts differ");
        }
        return out;
    }

    /** "source host:port CRITERION" -> "bucket FROM -> TO" for every change of a diff document. */
    private static Map<String, String> buckets(JsonNode diff) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode c : diff.path("changes")) {
            out.put(c.path("source").asText() + " " + c.path("endpoint").asText() + " " + c.path("criterion").asText(),
                    c.path("bucket").asText() + " " + c.path("from").asText("(none)") + " -> " + c.path("to").asText("(removed)"));
        }
        return out;
    }

    /** "source host:port CRITERION" -> "STATUS: message"; input errors as "source (error)". */
    private static Map<String, String> statuses(JsonNode report) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode r : report.path("results")) {
            String ep = r.path("source").asText() + " " + r.path("endpoint").path("host").asText() + ":"
                    + r.path("endpoint").path("port").asText();
            for (JsonNode v : r.path("verdicts")) {
                out.put(ep + " " + v.path("criterion").asText(), v.path("status").asText());
            }
        }
        for (JsonNode e : report.path("errors")) {
            out.put(e.path("source").asText() + " (unreadable)", e.path("message").asText());
        }
        return out;
    }

    private static List<String> notJson(IOException e) {
        return List.of("golden file is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
}
