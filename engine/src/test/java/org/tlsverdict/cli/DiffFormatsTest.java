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
            assertThat(res.path("level").asText()).isEqualTo(newlyFailing(c) ? "error" : c.path("to").asText().equals("PASS") ? "note" : "warning");
            assertThat(res.path("properties").path("to").asText()).isEqualTo(c.path("to").asText());
            assertThat(res.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                    .isEqualTo(c.path("source").asText());
            errors += res.path("level").asText().equals("error") ? 1 : 0;
        }
        assertThat(errors).isEqualTo(diff.path("summary").path("newlyFailing").asInt());
        // Only the new policy's criteria are rules: the criterion the proposal added is not among them.
        assertThat(ruleIds).doesNotContain("PGP-TLS-PORT25");
    }

    @Test
    void junitHasATestCasePerEndpointAndChangedCriterionFailingOnlyWhenNewlyFailing() throws Exception {
        EvaluateCommandTest.Run r = diff("junit");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(changes.size());
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(diff.path("summary").path("newlyFailing").asInt());
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            JsonNode c = changes.get(i);
            assertThat(tc.getAttribute("classname")).isEqualTo(c.path("endpoint").asText());
            assertThat(tc.getAttribute("name")).startsWith(c.path("criterion").asText() + " ");
            assertThat(tc.getElementsByTagName("failure").getLength()).isEqualTo(newlyFailing(c) ? 1 : 0);
        }
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("failures")).isEqualTo(String.valueOf(diff.path("summary").path("newlyFailing").asInt()));
    }

    @Test
    void htmlIsAMatrixOfTheChangedCells() {
        EvaluateCommandTest.Run r = diff("html");
        String html = r.out();
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script");
        int cells = html.split("→", -1).length - 1 - 1; // the heading has one arrow
        assertThat(cells).isEqualTo(changes.size());
        assertThat(html.split("stricter\"", -1).length - 1).isEqualTo(diff.path("summary").path("newlyFailing").asInt());
        for (JsonNode c : changes) {
            assertThat(html).contains(">" + c.path("criterion").asText() + "</th>").contains("<td>" + c.path("endpoint").asText() + "</td>");
        }
    }

    @Test
    void theTextFormatIsUnchangedByTheNewOnes() {
        assertThat(diff("text").out()).contains("STRICTER");
    }
}
