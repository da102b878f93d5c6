package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.FactsCodec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * diff in the pipeline formats, checked against the same diff's JSON: the stricter direction
 * (proposed back to 2023) on the port 25 fixture, so some criteria become FAIL.
 */
class DiffFormatsTest {

    static JsonNode diff;
    static List<JsonNode> changes = new ArrayList<>();

    static EvaluateCommandTest.Run diff(String format) {
        return EvaluateCommandTest.run("diff", "--from", "rules/privacyguides-proposed", "--to", "rules/privacyguides-2023",
                "fixtures/port25-debate", "--format", format);
    }

    @BeforeAll
    static void json() throws Exception {
        EvaluateCommandTest.Run r = diff("json");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAIL);
        diff = FactsCodec.json().readTree(r.out());
        diff.path("changes").forEach(changes::add);
        assertThat(diff.path("summary").path("newlyFailing").asInt()).isPositive();
        assertThat(changes.size()).isGreaterThan(diff.path("summary").path("newlyFailing").asInt());
        assertThat(diff.path("criteria")).isNotEmpty();
    }

    static long becameFail() {
        return changes.stream().filter(DiffFormatsTest::newlyFailing).count();
    }

    static boolean newlyFailing(JsonNode c) {
        return c.path("to").asText().equals("FAIL") && !c.path("from").asText().equals("FAIL");
    }

    @Test
    void sarifHasOneResultPerChangedCriterionAndTheNewPolicysRules() throws Exception {
        EvaluateCommandTest.Run r = diff("sarif");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAIL);
        JsonNode sarif = FactsCodec.json().readTree(r.out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.path("runs").get(0);
        Set<String> ruleIds = new HashSet<>();
        run.path("tool").path("driver").path("rules").forEach(x -> ruleIds.add(x.path("id").asText()));
        JsonNode results = run.path("results");
        assertThat(results).hasSize(changes.size());
        long errors = 0;
        for (int i = 0; i < results.size(); i++) {
            JsonNode res = results.get(i);
            JsonNode c = changes.get(i);
            assertThat(ruleIds).contains(res.path("ruleId").asText());
            assertThat(res.path("ruleId").asText()).isEqualTo(c.path("criterion").asText());
            String bucket = c.path("bucket").asText();
            assertThat(res.path("level").asText()).isEqualTo(newlyFailing(c) ? "error"
                    : bucket.equals("newly-passing") || bucket.equals("removed") ? "note" : "warning");
            assertThat(res.path("properties").path("to").asText(null)).isEqualTo(c.path("to").asText(null));
            assertThat(res.path("properties").path("bucket").asText()).isEqualTo(bucket);
            assertThat(res.path("properties").path("files")).isEqualTo(c.path("files"));
            assertThat(res.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                    .isEqualTo(c.path("source").asText());
            errors += res.path("level").asText().equals("error") ? 1 : 0;
        }
        assertThat(errors).isEqualTo(becameFail());
        // The new policy's criteria are rules, and so are the removed ones, marked as such.
        assertThat(ruleIds).contains("PGP-TLS-PORT25", "PGP-TLS-VERSION");
        run.path("tool").path("driver").path("rules").forEach(x -> assertThat(x.path("properties").path("removed").asBoolean())
                .isEqualTo(x.path("id").asText().equals("PGP-TLS-PORT25") || x.path("id").asText().startsWith("PGP-STRONG")
                        || x.path("id").asText().startsWith("PGP-TLS-MANDATORY") || x.path("id").asText().equals("PGP-ORDER-STRENGTH")
                        || x.path("id").asText().equals("DNS-CAA-OR-DANE-AND-MTA-STS")));
        assertThat(run.path("properties").path("summary")).isEqualTo(diff.path("summary"));
        assertThat(run.path("properties").path("criteria")).isEqualTo(diff.path("criteria"));
        assertThat(run.path("properties").path("files")).isEqualTo(diff.path("files"));
    }

    @Test
    void junitHasATestCasePerEndpointAndChangedCriterionFailingOnlyWhenNewlyFailing() throws Exception {
        EvaluateCommandTest.Run r = diff("junit");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        int criteria = diff.path("criteria").size();
        assertThat(cases.getLength()).isEqualTo(criteria + changes.size());
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(becameFail());
        Element first = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(first.getAttribute("name")).isEqualTo("criteria");
        NodeList props = first.getElementsByTagName("property");
        int sum = 0;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (List.of("newly-failing", "newly-passing", "status-changed", "reason-changed", "removed", "added", "unchanged")
                    .contains(p.getAttribute("name"))) {
                sum += Integer.parseInt(p.getAttribute("value"));
            }
            if (p.getAttribute("name").equals("total")) {
                assertThat(p.getAttribute("value")).isEqualTo(diff.path("summary").path("total").asText());
            }
        }
        assertThat(sum).isEqualTo(diff.path("summary").path("total").asInt());
        for (int i = 0; i < criteria; i++) {
            Element tc = (Element) cases.item(i);
            assertThat(tc.getAttribute("name")).startsWith(diff.path("criteria").get(i).path("criterion").asText() + " ");
        }
        for (int i = criteria; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            JsonNode c = changes.get(i - criteria);
            assertThat(tc.getAttribute("classname")).isEqualTo(c.path("endpoint").asText());
            assertThat(tc.getAttribute("name")).startsWith(c.path("criterion").asText() + " ");
            assertThat(tc.getElementsByTagName("failure").getLength()).isEqualTo(newlyFailing(c) ? 1 : 0);
        }
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("failures")).isEqualTo(String.valueOf(becameFail()));
    }

    @Test
    void htmlIsAMatrixOfTheChangedCells() {
        EvaluateCommandTest.Run r = diff("html");
        String html = r.out();
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script");
        int cells = html.split("→", -1).length - 1;
        assertThat(cells).isEqualTo(changes.size());
        assertThat(html.split("stricter\"", -1).length - 1).isEqualTo(becameFail());
        assertThat(html).contains("<h2>Criteria</h2>").contains("<tr><th>total</th><th>" + diff.path("summary").path("total").asInt() + "</th></tr>");
        for (JsonNode c : changes) {
            assertThat(html).contains(">" + c.path("criterion").asText() + "</th>").contains("<td>" + c.path("endpoint").asText() + "</td>");
        }
    }

    @Test
    void textAndMarkdownCarryTheBucketsAndTheCriteria() {
        String text = diff("text").out();
        String md = diff("markdown").out();
        for (JsonNode c : diff.path("criteria")) {
            assertThat(text).contains("  " + c.path("criterion").asText() + " " + c.path("change").asText());
            assertThat(md).contains("| " + c.path("criterion").asText() + " | " + c.path("change").asText());
        }
        for (JsonNode f : diff.path("files")) {
            assertThat(text).contains(f.path("file").asText() + " (" + f.path("change").asText());
            assertThat(md).contains("`" + f.path("file").asText() + "` (" + f.path("change").asText() + ")");
            if (f.path("change").asText().equals("edited")) {
                // An edited file is shown as its unified diff; an added or removed one by its line count.
                assertThat(md).contains("```diff\n" + f.path("diff").get(0).asText());
            }
        }
        assertThat(md).contains("| **total** | **" + diff.path("summary").path("total").asInt() + "** |");
        long failing = changes.stream().filter(c -> c.path("bucket").asText().equals("newly-failing")).count();
        assertThat(text.split("\nnewly failing ", -1).length - 1).isEqualTo(failing);
        assertThat(md.split("\n\\| newly failing \\| `", -1).length - 1).isEqualTo(failing);
    }
}
