package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Status;
import org.w3c.dom.Document;

/** SARIF and JUnit output parsed back and checked against the verdicts they came from. */
class PipelineFormatsTest {

    static CompiledPolicy policy;
    static VerdictReport report;

    @BeforeAll
    static void evaluate() throws Exception {
        policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        Evaluator ev = new Evaluator(policy, CipherRegistry.standard(), Instant.parse("2026-01-01T00:00:00Z"));
        var results = new java.util.ArrayList<org.tlsverdict.policy.EndpointResult>();
        for (String f : List.of("fixtures/seed-forum/gmail-587.json", "fixtures/seed-forum/jonaharagon-587.json")) {
            InputReader.read(Path.of(f), f).endpoints().forEach(e -> results.add(ev.evaluate(e, f)));
        }
        report = VerdictReport.of(policy, results, List.of());
    }

    static long count(Status s) {
        return report.results().stream().flatMap(r -> r.verdicts().stream()).filter(v -> v.status() == s).count();
    }

    @Test
    void sarifHasOneResultPerFailingWarningOrInconclusiveCriterionAndEveryRule() throws Exception {
        JsonNode sarif = FactsCodec.json().readTree(ReportWriter.render(report, policy, Format.sarif, false, false));
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules")).hasSize(policy.criteria().size());
        assertThat(run.path("results")).hasSize((int) (count(Status.FAIL) + count(Status.WARN) + count(Status.INCONCLUSIVE)));
        JsonNode first = run.path("results").get(0);
        assertThat(first.path("level").asText()).isIn("error", "warning", "note");
        assertThat(first.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .startsWith("fixtures/seed-forum/");
        assertThat(count(Status.FAIL)).isPositive();
    }

    @Test
    void junitHasATestCasePerEndpointAndCriterion() throws Exception {
        String xml = ReportWriter.render(report, policy, Format.junit, false, false);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2 * policy.criteria().size());
        assertThat((long) doc.getElementsByTagName("failure").getLength()).isEqualTo(count(Status.FAIL));
        assertThat((long) doc.getElementsByTagName("skipped").getLength()).isEqualTo(count(Status.INCONCLUSIVE) + count(Status.NOT_APPLICABLE));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo(String.valueOf(count(Status.FAIL)));
    }

    @Test
    void htmlMatrixHasACellPerEndpointAndCriterion() {
        String html = ReportWriter.render(report, policy, Format.html, false, false);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script");
        assertThat(html.split("<td class=\"m ", -1).length - 1).isEqualTo(2 * (policy.criteria().size() + 1));
        assertThat(html.split("<td class=\"FAIL\">FAIL</td>", -1).length - 1).isEqualTo((int) count(Status.FAIL));
    }
}
