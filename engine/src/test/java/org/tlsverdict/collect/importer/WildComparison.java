package org.tlsverdict.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a partial, hand-read facts document with what an importer produced, leaf by leaf. Every
 * leaf the hand-read document states is one fact; whatever it leaves out is not compared. Lists
 * of suites follow the server's order when the hand-read preference for that version is
 * {@code server}, else they are sets; a suite the importer added beyond the hand-read list counts
 * as one disagreeing fact. Vulnerabilities are matched by name, other lists of objects by
 * position, lists of plain values as sets.
 */
final class WildComparison {

    /** Keys of the hand-read file that steer the comparison instead of stating facts. */
    static final Set<String> CONTROL_KEYS = Set.of("schema", "from", "refused", "note");

    private final List<String> disagreements = new ArrayList<>();
    private final List<String> critical = new ArrayList<>();
    private int facts;
    private int agree;

    int facts() {
        return facts;
    }

    int agree() {
        return agree;
    }

    List<String> disagreements() {
        return disagreements;
    }

    /** Disagreements that could turn a verdict into a wrong PASS (vulnerable or offered read as safe). */
    List<String> critical() {
        return critical;
    }

    void fact(boolean ok, String path, String expected, String actual) {
        facts++;
        if (ok) {
            agree++;
        } else {
            disagreements.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    void compareDocument(JsonNode expected, JsonNode actual) {
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (CONTROL_KEYS.contains(e.getKey())) {
                continue;
            }
            JsonNode a = actual.path(e.getKey());
            if (e.getValue().isArray()) {
                int want = e.getValue().size();
                int got = a.isArray() ? a.size() : 0;
                fact(want == got, e.getKey() + ".count", String.valueOf(want), String.valueOf(got));
                for (int i = 0; i < want; i++) {
                    JsonNode ai = a.isArray() && i < a.size() ? a.get(i) : MissingNode.getInstance();
                    String where = e.getKey() + "[" + i + "]";
                    if (e.getKey().equals("endpoints")) {
                        compareEndpoint(e.getValue().get(i), ai, where);
                    } else {
                        compare(e.getValue().get(i), ai, where);
                    }
                }
            } else {
                compare(e.getValue(), a, e.getKey());
            }
        }
    }

    private void compareEndpoint(JsonNode expected, JsonNode actual, String path) {
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode a = actual.path(key);
            String where = path + "." + key;
            switch (key) {
                case "ciphers" -> compareCiphers(e.getValue(), a, expected.path("serverPreference"), where);
                case "vulnerabilities" -> compareByName(e.getValue(), a, where);
                case "protocols" -> compareProtocols(e.getValue(), a, where);
                default -> compare(e.getValue(), a, where);
            }
        }
    }

    private void compareProtocols(JsonNode expected, JsonNode actual, String path) {
        expected.fields().forEachRemaining(e -> {
            String want = e.getValue().asText();
            JsonNode a = actual.path(e.getKey());
            String got = a.isMissingNode() || a.isNull() ? "(absent)" : a.asText();
            boolean ok = want.equals(got);
            fact(ok, path + "." + e.getKey(), want, got);
            if (!ok && got.equals("not-offered")) {
                critical.add(path + "." + e.getKey() + ": " + want + " read as not-offered");
            }
        });
    }

    private void compareCiphers(JsonNode expected, JsonNode actual, JsonNode preference, String path) {
        expected.fields().forEachRemaining(e -> {
            String version = e.getKey();
            JsonNode want = e.getValue();
            JsonNode got = actual.path(version);
            boolean ordered = preference.path(version).asText("").equals("server");
            String where = path + "." + version;
            Set<Integer> used = new HashSet<>();
            if (want.isEmpty()) {
                fact(got.isArray(), where, "[] (collected, none accepted)", got.isArray() ? "collected" : "(absent)");
            }
            for (int i = 0; i < want.size(); i++) {
                JsonNode w = want.get(i);
                String name = w.path("iana").asText(w.path("openssl").asText(""));
                int match = -1;
                if (ordered) {
                    if (got.isArray() && i < got.size() && nameOf(got.get(i)).equals(name)) {
                        match = i;
                    }
                } else if (got.isArray()) {
                    for (int j = 0; j < got.size(); j++) {
                        if (!used.contains(j) && nameOf(got.get(j)).equals(name)) {
                            match = j;
                            break;
                        }
                    }
                }
                if (match < 0) {
                    String found = ordered && got.isArray() && i < got.size() ? nameOf(got.get(i)) : "(absent)";
                    w.fields().forEachRemaining(f -> fact(false, where + "[" + name + "]." + f.getKey(),
                            f.getValue().asText(), found));
                    continue;
                }
                used.add(match);
                compare(w, got.get(match), where + "[" + name + "]");
            }
            if (got.isArray()) {
                for (int j = 0; j < got.size(); j++) {
                    if (!used.contains(j)) {
                        fact(false, where + "[" + nameOf(got.get(j)) + "]", "(not in the raw output)", "present");
                    }
                }
            }
        });
    }

    private static String nameOf(JsonNode cipher) {
        return cipher.path("iana").asText(cipher.path("openssl").asText(cipher.path("code").asText("")));
    }

    private void compareByName(JsonNode expected, JsonNode actual, String path) {
        for (JsonNode w : expected) {
            String name = w.path("name").asText();
            JsonNode match = MissingNode.getInstance();
            if (actual.isArray()) {
                for (JsonNode g : actual) {
                    if (g.path("name").asText().equals(name)) {
                        match = g;
                    }
                }
            }
            String where = path + "[" + name + "]";
            Iterator<Map.Entry<String, JsonNode>> it = w.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("name")) {
                    continue;
                }
                String want = f.getValue().asText();
                JsonNode g = match.path(f.getKey());
                String got = g.isMissingNode() || g.isNull() ? "(absent)" : g.asText();
                boolean ok = want.equals(got);
                fact(ok, where + "." + f.getKey(), want, got);
                if (!ok && f.getKey().equals("status") && got.equals("not-vulnerable")) {
                    critical.add(where + ": " + want + " read as not-vulnerable");
                }
            }
            if (!w.fields().hasNext() || (w.size() == 1 && w.has("name"))) {
                fact(!match.isMissingNode(), where, "present", match.isMissingNode() ? "(absent)" : "present");
            }
        }
    }

    private void compare(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            expected.fields().forEachRemaining(e -> compare(e.getValue(), actual.path(e.getKey()), path + "." + e.getKey()));
        } else if (expected.isArray()) {
            boolean objects = expected.size() > 0 && expected.get(0).isObject();
            if (objects) {
                for (int i = 0; i < expected.size(); i++) {
                    JsonNode a = actual.isArray() && i < actual.size() ? actual.get(i) : MissingNode.getInstance();
                    compare(expected.get(i), a, path + "[" + i + "]");
                }
                return;
            }
            Set<String> got = new HashSet<>();
            if (actual.isArray()) {
                actual.forEach(a -> got.add(a.asText()));
            }
            Set<String> want = new HashSet<>();
            expected.forEach(w -> want.add(w.asText()));
            for (String w : want) {
                fact(got.contains(w), path + "[" + w + "]", "present", got.contains(w) ? "present" : "(absent)");
            }
            if (!actual.isArray()) {
                if (expected.isEmpty()) {
                    fact(false, path, "[]", "(absent)");
                }
                return;
            }
            for (String g : got) {
                if (!want.contains(g)) {
                    fact(false, path + "[" + g + "]", "(not in the raw output)", "present");
                }
            }
            if (expected.isEmpty()) {
                fact(got.isEmpty(), path, "[]", got.toString());
            }
        } else {
            String want = expected.asText();
            String got = actual.isMissingNode() || actual.isNull() ? "(absent)" : actual.asText();
            fact(want.equals(got), path, want, got);
        }
    }
}
