package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.DiscoveredService;
import org.tlsverdict.facts.DiscoverySource;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.MailService;
import org.tlsverdict.facts.MxHost;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Transport;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Status;

/**
 * The provider table of {@code check}: domain criteria judged once on the domain, the provider's
 * status the worst of endpoints and domain, an unreachable endpoint kept with its reason, the
 * summary, a forum-sized Markdown and JSON that follows docs/schemas/provider-v1.schema.json.
 */
class ProviderReportTest {

    static CompiledPolicy policy;
    static Evaluator evaluator;

    @BeforeAll
    static void compile() throws Exception {
        policy = RuleCompiler.withDefaultCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        evaluator = new Evaluator(policy, CipherRegistry.standard(), Instant.parse("2027-01-01T00:00:00Z"));
    }

    static EndpointFacts facts(String file) throws Exception {
        return InputReader.read(Path.of(file), file).endpoints().get(0);
    }

    static ProviderReport.Input provider(String domain, int extraUnreachable) throws Exception {
        EndpointFacts mx = facts("fixtures/port25-debate/mx-port25.json");
        EndpointFacts submission = facts("fixtures/seed-forum/gmail-587.json");
        DomainFacts d = new DomainFacts(domain, new Provenance("test", null, null), DnssecStatus.INSECURE, false,
                List.of(new MxHost("mx.port25-debate.test", 10, List.of(), DnssecStatus.INSECURE, null, null)), null, null, null, null);
        List<DiscoveredService> services = new ArrayList<>(List.of(
                new DiscoveredService(MailService.SMTP, "mx.port25-debate.test", 25, Transport.STARTTLS, List.of(DiscoverySource.MX)),
                new DiscoveredService(MailService.SUBMISSION, "smtp.gmail.com", 587, Transport.STARTTLS,
                        List.of(DiscoverySource.SRV, DiscoverySource.AUTOCONFIG))));
        for (int i = 0; i < 1 + extraUnreachable; i++) {
            services.add(new DiscoveredService(MailService.IMAPS, "imap" + i + "." + domain, 993, Transport.IMPLICIT, List.of(DiscoverySource.SRV)));
        }
        d = d.withServices(services, java.util.Map.of());
        List<DomainFacts> domains = List.of(d);
        List<ProviderReport.EndpointInput> rows = new ArrayList<>();
        rows.add(new ProviderReport.EndpointInput(services.get(0), evaluator.evaluate(mx, "t", domains), null));
        rows.add(new ProviderReport.EndpointInput(services.get(1), evaluator.evaluate(submission, "t", domains), null));
        for (DiscoveredService s : services.subList(2, services.size())) {
            EndpointFacts none = new EndpointFacts(new Endpoint(s.host(), null, 993, s.service().endpointService(), s.transport()),
                    new Provenance("native", "check", "not scanned: cannot resolve " + s.host() + ": NXDOMAIN"), null, null, null, null, null, null);
            rows.add(new ProviderReport.EndpointInput(s, evaluator.evaluate(none, "t", domains), "cannot resolve " + s.host() + ": NXDOMAIN"));
        }
        return new ProviderReport.Input(d, rows, evaluator.evaluateDomain(d, "t"), List.of(domain + ": submission: sources disagree"));
    }

    @Test
    void domainCriteriaAreJudgedOnceAndTheStatusIsTheWorstOfAll() throws Exception {
        ProviderReport report = ProviderReport.of(policy, List.of(provider("example.test", 0)));
        ProviderReport.Provider p = report.providers().get(0);
        List<String> domainCriteria = policy.criteria().stream().filter(Criterion::judgesDomain).map(Criterion::id).toList();
        assertThat(domainCriteria).contains("DNS-MTA-STS");
        ProviderReport.Row mx = p.endpoints().get(0);
        ProviderReport.Row submission = p.endpoints().get(1);
        ProviderReport.Row unreachable = p.endpoints().get(2);
        assertThat(mx.verdicts()).containsKeys(domainCriteria.toArray(String[]::new));
        assertThat(submission.verdicts()).doesNotContainKeys(domainCriteria.toArray(String[]::new));
        assertThat(submission.foundBy()).containsExactly("srv", "autoconfig");
        assertThat(p.domainVerdicts().keySet()).containsExactlyInAnyOrderElementsOf(domainCriteria);
        assertThat(unreachable.unreachable()).contains("NXDOMAIN");
        assertThat(unreachable.status()).isEqualTo(Status.INCONCLUSIVE);
        Status worst = Status.NOT_APPLICABLE;
        for (ProviderReport.Row r : p.endpoints()) {
            worst = Status.worst(worst, r.status());
        }
        for (Status s : p.domainVerdicts().values()) {
            worst = Status.worst(worst, s);
        }
        assertThat(p.status()).isEqualTo(worst).isEqualTo(Status.FAIL);
        assertThat(report.anyFail()).isTrue();
    }

    @Test
    void theSummaryNamesWhatEveryEndpointMeetsAndWhoFailsWhat() throws Exception {
        ProviderReport.Provider p = ProviderReport.of(policy, List.of(provider("example.test", 0))).providers().get(0);
        for (String met : p.summary().metByAll()) {
            for (ProviderReport.Row r : p.endpoints()) {
                assertThat(r.verdicts().getOrDefault(met, Status.PASS)).as(met + " on " + r.label()).isIn(Status.PASS, Status.NOT_APPLICABLE);
            }
        }
        // The unreachable endpoint meets nothing, so every criterion that applies to it is a shortfall naming it.
        ProviderReport.Shortfall cert = p.summary().shortfalls().stream().filter(s -> s.criterion().equals("PGP-CERT")).findFirst().orElseThrow();
        assertThat(cert.endpoints()).extracting(ProviderReport.Miss::endpoint).contains("imap0.example.test:993");
        assertThat(p.summary().metByAll()).doesNotContain("PGP-CERT");
        String text = ProviderTables.render(ProviderReport.of(policy, List.of(provider("example.test", 0))), Format.text);
        assertThat(text).contains("[3] imaps       imap0.example.test:993 (implicit, found by srv): not scanned: cannot resolve")
                .contains("PGP-CERT").contains("met wherever it applies:").contains("sources disagree");
    }

    @Test
    void markdownFitsAForumPostEvenForAProviderWithManyEndpoints() throws Exception {
        ProviderReport small = ProviderReport.of(policy, List.of(provider("example.test", 0)));
        String md = ProviderTables.render(small, Format.markdown);
        assertThat(md).contains("| Criterion |").contains("submission<br>`smtp.gmail.com:587`<br>srv+autoconfig").contains("**Not scanned:**");
        ProviderReport big = ProviderReport.of(policy, List.of(provider("example.test", 120)));
        String bigMd = ProviderTables.render(big, Format.markdown);
        assertThat(bigMd.length()).isLessThan(ProviderTables.FORUM_POST_LIMIT);
    }

    @Test
    void jsonFollowsTheProviderSchemaAndARenamedKeyIsRejected() throws Exception {
        JsonNode json = FactsCodec.json().readTree(ProviderTables.render(ProviderReport.of(policy, List.of(provider("example.test", 0))), Format.json));
        var schema = SchemaTest.schema("provider-v1.schema.json");
        assertThat(SchemaTest.errors(schema, json)).isEmpty();
        ObjectNode row = (ObjectNode) json.path("providers").get(0).path("endpoints").get(0);
        row.set("found_by", row.remove("foundBy"));
        assertThat(SchemaTest.errors(schema, json)).isNotEmpty();
    }

    @Test
    void factsWithServicesFollowTheFactsSchemaAndReadBack() throws Exception {
        ProviderReport.Input in = provider("example.test", 0);
        var doc = org.tlsverdict.facts.FactsDocument.of(List.of(), List.of(in.domain()));
        String json = FactsCodec.toJson(doc);
        var schema = SchemaTest.schema("facts-v1.schema.json");
        JsonNode node = FactsCodec.json().readTree(json);
        assertThat(SchemaTest.errors(schema, node)).isEmpty();
        assertThat(node.path("domains").get(0).path("services").get(1).toString())
                .isEqualTo("{\"service\":\"submission\",\"host\":\"smtp.gmail.com\",\"port\":587,\"transport\":\"starttls\",\"foundBy\":[\"srv\",\"autoconfig\"]}");
        DomainFacts back = FactsCodec.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "t").domains().get(0);
        assertThat(back.services()).isEqualTo(in.domain().services());
        ObjectNode service = (ObjectNode) node.path("domains").get(0).path("services").get(0);
        service.put("service", "smtps");
        assertThat(SchemaTest.errors(schema, node)).isNotEmpty();
    }
}
