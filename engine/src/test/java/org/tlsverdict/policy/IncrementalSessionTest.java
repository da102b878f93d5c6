package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.DomainRuleFacts;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.EvaluationTime;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.RuleFacts;
import org.tlsverdict.facts.RuleInput;

/**
 * One session per thread judges endpoint after endpoint and keeps the facts that did not change
 * ({@link IncrementalSession}). Whatever came before, an endpoint's verdicts must be what a fresh
 * session gives it, evidence and provenance included.
 */
class IncrementalSessionTest {

    private static final Instant AT = Instant.parse("2026-11-28T00:00:00Z");

    private record Input(EndpointFacts endpoint, List<DomainFacts> domains, String label) {
    }

    /** Every endpoint under fixtures/, in two shuffled orders, against every shipped policy. */
    @Test
    void everyFixtureEndpointGetsWhatAFreshSessionGives() throws Exception {
        List<Input> inputs = fixtureInputs();
        assertThat(inputs).hasSizeGreaterThan(90);
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            Evaluator kept = evaluator(policy);
            for (long seed : new long[] {1, 2}) {
                List<Input> order = new ArrayList<>(inputs);
                Collections.shuffle(order, new Random(seed));
                for (Input in : order) {
                    assertThat(kept.evaluate(in.endpoint(), in.label(), in.domains()))
                            .as(dir + ": " + in.label() + " " + in.endpoint().endpoint().host() + " after other endpoints")
                            .isEqualTo(fresh(policy, in));
                }
            }
        }
    }

    /**
     * The reference without any of the evaluator's shortcuts: a plain Drools session holding every
     * fact as read (provenance included), fired once. Kept sessions and verdicts reused between
     * endpoints must come to its verdicts.
     */
    @Test
    void everyFixtureEndpointGetsWhatAPlainSessionWithEveryFactGives() throws Exception {
        List<Input> inputs = fixtureInputs();
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            Evaluator kept = evaluator(policy);
            for (Input in : inputs) {
                KieSession plain = policy.kieBase().newKieSession();
                try {
                    plain.insert(new EvaluationTime(AT));
                    RuleInput read = RuleFacts.of(in.endpoint(), CipherRegistry.standard());
                    read.addAll(DomainRuleFacts.of(in.endpoint().endpoint(), in.domains()));
                    Map<Object, Provenance> where = new IdentityHashMap<>();
                    for (int i = 0; i < read.size(); i++) {
                        plain.insert(read.facts().get(i));
                        if (read.provenance(i) != null) {
                            where.put(read.facts().get(i), read.provenance(i));
                        }
                    }
                    plain.fireAllRules();
                    List<Outcome> outcomes = new ArrayList<>();
                    plain.getObjects(new ClassObjectFilter(Outcome.class)).forEach(o -> outcomes.add((Outcome) o));
                    // What the engine adds to the rules' outcomes (waivers, "no domain facts") is the same code on both sides.
                    Map<String, List<Outcome>> byPackage = Evaluator.byCriterion(outcomes);
                    boolean noDomain = in.domains().stream().noneMatch(d -> d.hasMx(in.endpoint().endpoint().host()));
                    List<Verdict> expected = policy.criteria().stream()
                            .map(c -> Evaluator.decide(c, kept.endpointOutcomes(c, byPackage, in.endpoint().endpoint(), noDomain),
                                    f -> IncrementalSession.provenanceOf(where, f)))
                            .toList();
                    // The hints on what to collect are added after judging; the session decides the rest.
                    assertThat(kept.evaluate(in.endpoint(), in.label(), in.domains()).verdicts().stream().map(v -> v.withCollect(null)).toList())
                            .as(dir + ": " + in.label() + " " + in.endpoint().endpoint().host())
                            .isEqualTo(expected);
                } finally {
                    plain.dispose();
                }
            }
        }
    }

    private static List<Input> fixtureInputs() throws Exception {
        List<Input> inputs = new ArrayList<>();
        for (List<Path> files : InputFiles.byFolder(List.of(Path.of("fixtures"))).values()) {
            for (Path f : files) {
                FactsDocument doc = InputReader.read(f, f.toString());
                doc.endpoints().forEach(e -> inputs.add(new Input(e, doc.domainsOrEmpty(), f.toString())));
            }
        }
        return inputs;
    }

    /**
     * A random corpus reaches rules the fixtures do not; some endpoints are MX hosts of the
     * testbed's mail domains, so the DNS criteria change between endpoints too, and the domains
     * are also judged on their own in between.
     */
    @Test
    void aRandomCorpusGetsWhatFreshSessionsGive() throws Exception {
        FactsDocument domains = InputReader.read(Path.of("fixtures/mail-domains/testbed-domains.json"), "domains.json");
        List<String> hosts = new ArrayList<>();
        domains.domainsOrEmpty().forEach(d -> d.mx().forEach(m -> hosts.add(m.host())));
        hosts.add("unrelated.test");
        // -Dtlsverdict.randomEndpoints=N soaks with more (20,000 passed when this was written).
        FactsDocument corpus = RandomEndpoints.document(7, Integer.getInteger("tlsverdict.randomEndpoints", 300), hosts);
        for (Path dir : ShippedPolicies.all()) {
            CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(dir));
            Evaluator kept = evaluator(policy);
            int i = 0;
            for (EndpointFacts e : corpus.endpoints()) {
                List<DomainFacts> ds = i % 2 == 0 ? domains.domainsOrEmpty() : List.of();
                assertThat(kept.evaluate(e, "random.json", ds)).as(dir + ": random endpoint " + i)
                        .isEqualTo(fresh(policy, new Input(e, ds, "random.json")));
                if (i % 25 == 0) {
                    DomainFacts d = domains.domainsOrEmpty().get((i / 25) % domains.domainsOrEmpty().size());
                    assertThat(kept.evaluateDomain(d, "domains.json")).as(dir + ": domain " + d.domain())
                            .isEqualTo(evaluator(policy).evaluateDomain(d, "domains.json", rule -> { }));
                }
                i++;
            }
        }
    }

    /** A file's endpoints are judged with alike ones next to each other, and reported in the file's order. */
    @Test
    void evaluateAllReportsInTheFilesOrder() throws Exception {
        FactsDocument doc = RandomEndpoints.document(3, 120, List.of());
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        List<EndpointResult> all = evaluator(policy).evaluateAll(doc, "random.json");
        assertThat(all).hasSize(doc.endpoints().size());
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i)).as("endpoint " + i)
                    .isEqualTo(fresh(policy, new Input(doc.endpoints().get(i), List.of(), "random.json")));
        }
        List<long[]> keys = doc.endpoints().stream().map(Evaluator::similarityKey).toList();
        boolean fileOrderIsSorted = true;
        for (int i = 1; i < keys.size(); i++) {
            fileOrderIsSorted &= java.util.Arrays.compare(keys.get(i - 1), keys.get(i)) <= 0;
        }
        assertThat(fileOrderIsSorted).as("the file's order is already the judging order").isFalse();
    }

    /** Same values read from another file: kept facts must show where this endpoint's were read. */
    @Test
    void keptFactsCarryTheProvenanceOfTheEndpointJudgedNow() throws Exception {
        Path file = Path.of("fixtures/scans/legacy/25-smtp/nmap.xml");
        EndpointFacts first = InputReader.read(file, "first.xml").endpoints().get(0);
        EndpointFacts second = InputReader.read(file, "second.xml").endpoints().get(0);
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        Evaluator kept = evaluator(policy);
        kept.evaluate(first, "first.xml");
        EndpointResult r = kept.evaluate(second, "second.xml");

        assertThat(r).isEqualTo(fresh(policy, new Input(second, List.of(), "second.xml")));
        Set<String> sources = new HashSet<>();
        r.verdicts().forEach(v -> v.evidence().forEach(e -> sources.add(e.source())));
        assertThat(sources).contains("second.xml").doesNotContain("first.xml");
    }

    /** The endpoints differ, so the tests above compare something: B's verdicts are not A's. */
    @Test
    void theTwoEndpointsAreJudgedDifferently() throws Exception {
        EndpointFacts a = FactsCodec.read(Path.of("fixtures/seed-forum/jonaharagon-587.json"), "a.json").endpoints().get(0);
        EndpointFacts b = FactsCodec.read(Path.of("fixtures/seed-forum/gmail-587.json"), "b.json").endpoints().get(0);
        CompiledPolicy policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules/privacyguides-proposed")));
        Evaluator ev = evaluator(policy);
        EndpointResult ra = ev.evaluate(a, "a.json");
        EndpointResult rb = ev.evaluate(b, "b.json");
        assertThat(ra.verdicts()).isNotEqualTo(rb.verdicts());
        Set<Evidence> onlyA = evidence(ra);
        onlyA.removeAll(evidence(rb));
        assertThat(onlyA).as("evidence only A has").isNotEmpty();
    }

    private static Evaluator evaluator(CompiledPolicy policy) {
        return new Evaluator(policy, CipherRegistry.standard(), AT);
    }

    /** Rule coverage runs in a session of its own: the from-scratch reference. */
    private static EndpointResult fresh(CompiledPolicy policy, Input in) {
        return evaluator(policy).evaluate(in.endpoint(), in.label(), in.domains(), rule -> { });
    }

    private static Set<Evidence> evidence(EndpointResult r) {
        Set<Evidence> out = new HashSet<>();
        r.verdicts().forEach(v -> out.addAll(v.evidence()));
        return out;
    }
}
