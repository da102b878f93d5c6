package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;

/** The forum matrix: one post (Discourse: 32,000 characters) for 50 endpoints, legend, linked criteria, reasons in details. */
class MarkdownMatrixTest {

    static final int DISCOURSE_LIMIT = 32_000;
    static CompiledPolicy policy;
    static VerdictReport fifty;

    @BeforeAll
    static void evaluate() throws Exception {
        policy = RuleCompiler.withDefaultCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        Evaluator ev = new Evaluator(policy, CipherRegistry.standard(), Instant.parse("2026-01-01T00:00:00Z"));
        List<EndpointFacts> kinds = new ArrayList<>();
        for (String f : List.of("fixtures/seed-forum/gmail-587.json", "fixtures/seed-forum/jonaharagon-587.json",
                "fixtures/scans/legacy/25-smtp/testssl.json", "fixtures/scans/relaxed/465-smtps/nmap.xml",
                "fixtures/scans/strong/993-imaps/sslscan.xml")) {
            kinds.addAll(InputReader.read(Path.of(f), f).endpoints());
        }
        List<EndpointResult> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            EndpointFacts k = kinds.get(i % kinds.size());
            Endpoint e = k.endpoint();
            EndpointFacts renamed = new EndpointFacts(new Endpoint("mail" + i + ".provider-number-" + i + ".example.org", null, e.port(),
                    e.service(), e.transport()), k.source(), k.protocols(), k.ciphers(), k.serverPreference(), k.certificates(),
                    k.vulnerabilities(), k.provenance(), k.groups(), k.features());
            results.add(ev.evaluate(renamed, "scans/2026-12/provider-" + i + "/testssl-output.json"));
        }
        fifty = VerdictReport.of(policy, results, List.of());
    }

    @Test
    void fiftyEndpointsFitOneDiscoursePost() {
        String md = ReportWriter.render(fifty, policy, Format.markdown, false, false);
        assertThat(md.length()).isLessThan(DISCOURSE_LIMIT);
        assertThat(md.lines().filter(l -> l.startsWith("| `mail"))).hasSize(50);
    }

    /** Every saved scan of the repository (101 endpoints) in one post: the matrix is what the forum gets. */
    @Test
    void theFixturesMatrixFitsOnePost() {
        SarifSchemaTest.Run r = SarifSchemaTest.run("replay", "--format", "markdown");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("### privacyguides-proposed").doesNotContain("CHANGED").doesNotContain("==");
        assertThat(r.out().lines().filter(l -> l.startsWith("| `")).count()).isGreaterThan(100);
        assertThat(r.out().length()).isLessThan(DISCOURSE_LIMIT);
    }

    @Test
    void matrixHasLegendOverallColumnAndLinkedCriteria() {
        String md = ReportWriter.render(fifty, policy, Format.markdown, false, false);
        assertThat(md).contains("✅ pass · ❌ fail · ⚠️ warn · ❔ inconclusive").contains("| Endpoint | Overall |");
        List<Criterion> criteria = policy.criteria();
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            assertThat(md).contains("[" + (i + 1) + "](" + c.source() + ")").contains(". [" + c.id() + "](" + c.source() + ") ");
        }
        String row = md.lines().filter(l -> l.startsWith("| `mail1.")).findFirst().orElseThrow();
        assertThat(row.split(" \\| ", -1)).hasSize(criteria.size() + 2);
        assertThat(md).contains("To decide the rest, collect:\n").contains("SSLv2 support: never tested by nmap");
        assertThat(md).doesNotContain("<details>");
    }

    @Test
    void explainPutsEachEndpointsReasonsInDetails() {
        String md = ReportWriter.render(fifty, policy, Format.markdown, true, false);
        assertThat(md.split("<details><summary>", -1)).hasSize(51);
        assertThat(md.split("</details>", -1)).hasSize(51);
        assertThat(md).contains("TLSv1.2: the client chooses the suite");
    }

    @Test
    void notCollectedCriteriaGetTheirOwnIcon() {
        VerdictReport scoped = VerdictReport.of(policy, fifty.results(), List.of(), true);
        String md = ReportWriter.render(scoped, policy, Format.markdown, false, false);
        assertThat(md).contains(MarkdownReport.NOT_COLLECTED_ICON + " not collected");
        String good = md.lines().filter(l -> l.startsWith("| `mail1.")).findFirst().orElseThrow();
        assertThat(good).startsWith("| `mail1.provider-number-1.example.org:587` scans/2026-12/provider-1/testssl-output.json | ✅ |")
                .contains(MarkdownReport.NOT_COLLECTED_ICON).doesNotContain("❔");
    }
}
