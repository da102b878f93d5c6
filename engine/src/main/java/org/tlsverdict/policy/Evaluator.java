package org.tlsverdict.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.DomainRuleFacts;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointAddress;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.EvaluationTime;
import org.tlsverdict.facts.Fact;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.RuleFacts;
import org.tlsverdict.facts.RuleInput;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Vulnerability;

/**
 * Runs a compiled policy over one endpoint (in a session kept per thread, see
 * {@link IncrementalSession}) and turns the outcomes into one verdict per criterion. A criterion
 * no rule concluded on is INCONCLUSIVE, never PASS.
 */
public final class Evaluator {

    static final int MAX_MESSAGES = 3;
    static final String NO_OUTCOME = "no rule of this criterion matched the collected facts";

    private final CompiledPolicy policy;
    private final CipherRegistry registry;
    private final EvaluationTime time;
    private final CollectAdvice advice;
    private final DomainlessOutcomes domainless = new DomainlessOutcomes();
    /** Criterion package to the packages of the waiver files that waive it ({@link Waiver}). */
    private final Map<String, List<String>> waiverPackages = new HashMap<>();
    /** One session per thread, kept between endpoints (see {@link IncrementalSession}). */
    private final ThreadLocal<IncrementalSession> sessions = new ThreadLocal<>();

    public Evaluator(CompiledPolicy policy, CipherRegistry registry, Instant at) {
        this.policy = policy;
        this.registry = registry;
        this.time = new EvaluationTime(at);
        this.advice = new CollectAdvice(policy);
        policy.criteriaByPackage().forEach((pkg, c) -> {
            if (!pkg.equals(c.packageName())) {
                waiverPackages.computeIfAbsent(c.packageName(), k -> new ArrayList<>()).add(pkg);
            }
        });
        waiverPackages.values().forEach(java.util.Collections::sort);
    }

    /**
     * What {@code c} concluded on an endpoint ({@code byPackage}: every outcome of the session by
     * package), with what the engine adds: waivers applied, and "no domain facts" for a domain
     * criterion when {@code noDomain} (no collected domain lists the endpoint as an MX).
     */
    List<Outcome> endpointOutcomes(Criterion c, Map<String, List<Outcome>> byPackage, Endpoint endpoint, boolean noDomain) {
        List<Outcome> outcomes = outcomesOf(c, byPackage);
        return noDomain && c.judgesDomain() ? domainless.withOutcome(c, endpoint.service() == Service.HTTPS, outcomes) : outcomes;
    }

    /** The outcomes {@code c} concluded, with the waivers of an extending policy applied. */
    private List<Outcome> outcomesOf(Criterion c, Map<String, List<Outcome>> byPackage) {
        List<Outcome> own = byPackage.getOrDefault(c.packageName(), List.of());
        List<String> waivers = waiverPackages.get(c.packageName());
        if (waivers == null || own.isEmpty()) {
            return own;
        }
        List<Outcome> w = new ArrayList<>();
        waivers.forEach(p -> w.addAll(byPackage.getOrDefault(p, List.of())));
        // The first covering waiver names the WARN: in a fixed order, so the verdict does not depend on the session's.
        w.sort(java.util.Comparator.comparing(Outcome::rule).thenComparing(Outcome::message));
        return Waiver.apply(own, w);
    }

    public EndpointResult evaluate(EndpointFacts facts, String source) {
        return evaluate(facts, source, List.of(), null);
    }

    /** Judges one endpoint together with the facts of the mail domains whose MX list names it. */
    public EndpointResult evaluate(EndpointFacts facts, String source, List<DomainFacts> domains) {
        return evaluate(facts, source, domains, null);
    }

    /**
     * As above, telling {@code fired} (when not null) every rule that fired (as "package/rule
     * name"), for rule coverage of policy tests.
     */
    public EndpointResult evaluate(EndpointFacts facts, String source, List<DomainFacts> domains, Consumer<String> fired) {
        return endpointResult(facts, source, domains, run(facts, domains, fired));
    }

    /**
     * Judges without any of the shortcuts {@link #evaluate} takes (kept session, reused verdicts):
     * a session of its own holding the endpoint's facts. The reference that policy tests
     * hold the fast path to.
     */
    public EndpointResult evaluateReference(EndpointFacts facts, String source, List<DomainFacts> domains, Consumer<String> fired) {
        return endpointResult(facts, source, domains, run(facts, domains, fired == null ? rule -> { } : fired));
    }

    private EndpointResult endpointResult(EndpointFacts facts, String source, List<DomainFacts> domains, IncrementalSession.Judged judged) {
        Map<String, List<Outcome>> byPackage = byCriterion(judged.outcomes());
        Endpoint endpoint = facts.endpoint();
        boolean noDomain = domains == null || domains.stream().noneMatch(d -> d.hasMx(endpoint.host()));
        List<Verdict> verdicts = new ArrayList<>();
        for (Criterion c : policy.criteria()) {
            verdicts.add(judged.decide(c, endpointOutcomes(c, byPackage, endpoint, noDomain)));
        }
        return new EndpointResult(endpoint, source, EndpointResult.overall(verdicts),
                List.copyOf(advice.advise(facts, domains, verdicts)));
    }

    /**
     * Judges a whole facts file: every endpoint with the domains it is an MX of, then every domain
     * none of the file's endpoints is an MX of (Null MX, MX not scanned, a file with only
     * {@code domains}) on its own, so no collected domain goes without verdicts.
     */
    public List<EndpointResult> evaluateAll(FactsDocument doc, String source) {
        List<EndpointFacts> endpoints = doc.endpoints();
        // Judged in an order that puts alike endpoints next to each other, so that the kept session
        // changes little from one to the next (see IncrementalSession); reported in the file's order.
        long[][] keys = new long[endpoints.size()][];
        Integer[] order = new Integer[endpoints.size()];
        for (int i = 0; i < order.length; i++) {
            keys[i] = similarityKey(endpoints.get(i));
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Arrays.compare(keys[x], keys[y]));
        EndpointResult[] judged = new EndpointResult[order.length];
        for (int i : order) {
            judged[i] = evaluate(endpoints.get(i), source, doc.domainsOrEmpty());
        }
        List<EndpointResult> out = new ArrayList<>(Arrays.asList(judged));
        for (DomainFacts d : unjudgedDomains(doc)) {
            out.add(evaluateDomain(d, source));
        }
        return out;
    }

    /** What {@link #evaluateMany} made of one document: its results, or why judging it failed. */
    public record DocumentResults(List<EndpointResult> results, RuntimeException failure) {
    }

    /**
     * Judges several documents as one run, as {@link #evaluateAll} judges each: the endpoints of all
     * of them in one order that puts alike endpoints next to each other, in slices on {@code pool}
     * (each thread keeps its session). A folder of one-endpoint files judged file by file changes
     * most of the kept session from one endpoint to the next; judged together it changes as
     * little as the endpoints of one big file do. Results per document, in the document's order.
     */
    public List<DocumentResults> evaluateMany(List<FactsDocument> docs, List<String> sources, java.util.concurrent.ExecutorService pool) {
        int total = 0;
        for (FactsDocument d : docs) {
            total += d.endpoints().size();
        }
        int[] docOf = new int[total];
        int[] indexOf = new int[total];
        long[][] keys = new long[total][];
        Integer[] order = new Integer[total];
        int n = 0;
        for (int d = 0; d < docs.size(); d++) {
            List<EndpointFacts> endpoints = docs.get(d).endpoints();
            for (int i = 0; i < endpoints.size(); i++, n++) {
                docOf[n] = d;
                indexOf[n] = i;
                order[n] = n;
            }
        }
        // Slices a few times more than threads, so one slow slice does not leave a core idle.
        int slices = Math.max(1, Math.min(total, 4 * Runtime.getRuntime().availableProcessors()));
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        // The keys of thousands of endpoints, on the pool too: the order is all that waits for them.
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) total * s / slices);
            int to = (int) ((long) total * (s + 1) / slices);
            futures.add(pool.submit(() -> {
                for (int k = from; k < to; k++) {
                    keys[k] = similarityKey(docs.get(docOf[k]).endpoints().get(indexOf[k]));
                }
            }));
        }
        Futures.awaitAll(futures);
        futures.clear();
        Arrays.sort(order, (x, y) -> Arrays.compare(keys[x], keys[y]));
        EndpointResult[][] judged = new EndpointResult[docs.size()][];
        for (int d = 0; d < docs.size(); d++) {
            judged[d] = new EndpointResult[docs.get(d).endpoints().size()];
        }
        RuntimeException[] failures = new RuntimeException[docs.size()];
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) total * s / slices);
            int to = (int) ((long) total * (s + 1) / slices);
            futures.add(pool.submit(() -> {
                for (int k = from; k < to; k++) {
                    int e = order[k];
                    int d = docOf[e];
                    FactsDocument doc = docs.get(d);
                    try {
                        judged[d][indexOf[e]] = evaluate(doc.endpoints().get(indexOf[e]), sources.get(d), doc.domainsOrEmpty());
                    } catch (RuntimeException ex) {
                        synchronized (failures) {
                            failures[d] = failures[d] == null ? ex : failures[d];
                        }
                    }
                }
            }));
        }
        Futures.awaitAll(futures);
        List<DocumentResults> out = new ArrayList<>(docs.size());
        for (int d = 0; d < docs.size(); d++) {
            if (failures[d] != null) {
                out.add(new DocumentResults(List.of(), failures[d]));
                continue;
            }
            List<EndpointResult> results = new ArrayList<>(Arrays.asList(judged[d]));
            try {
                for (DomainFacts dom : unjudgedDomains(docs.get(d))) {
                    results.add(evaluateDomain(dom, sources.get(d)));
                }
                out.add(new DocumentResults(results, null));
            } catch (RuntimeException ex) {
                out.add(new DocumentResults(List.of(), ex));
            }
        }
        return out;
    }

    /**
     * Most of what rules see of an endpoint, as numbers compared in order: endpoints with equal keys
     * share most facts, and keys that start alike (same service and port, same versions) sort
     * together. Numbers, not text: this runs for every endpoint, and a text key was measurably
     * slower (figures in docs/benchmarks.md, "Steady state").
     */
    static long[] similarityKey(EndpointFacts e) {
        long protocols = 0;
        if (e.protocols() != null) {
            for (Map.Entry<TlsVersion, Support> p : e.protocols().entrySet()) {
                protocols = protocols * 31 + p.getKey().ordinal() * 8L + p.getValue().ordinal() + 1;
            }
        }
        long preference = 0;
        if (e.serverPreference() != null) {
            for (Map.Entry<TlsVersion, Preference> p : e.serverPreference().entrySet()) {
                preference = preference * 31 + p.getKey().ordinal() * 8L + p.getValue().ordinal() + 1;
            }
        }
        long ciphers = 0;
        if (e.ciphers() != null) {
            for (Map.Entry<TlsVersion, List<CipherEntry>> v : e.ciphers().entrySet()) {
                ciphers = ciphers * 31 + v.getKey().ordinal() + 1;
                for (CipherEntry c : v.getValue()) {
                    ciphers = ciphers * 31 + c.name().hashCode();
                    ciphers = ciphers * 31 + (c.dhBits() == null ? 0 : c.dhBits());
                }
            }
        }
        long vulnerabilities = 0;
        if (e.vulnerabilities() != null) {
            for (Vulnerability v : e.vulnerabilities()) {
                vulnerabilities = vulnerabilities * 31 + v.name().hashCode();
                vulnerabilities = vulnerabilities * 31 + (v.status() == null ? 0 : v.status().ordinal() + 1);
            }
        }
        Endpoint ep = e.endpoint();
        return new long[] {ep.service() == null ? -1 : ep.service().ordinal(), ep.port(), protocols, preference, ciphers, vulnerabilities};
    }

    /**
     * The domains of {@code doc} whose MX list names none of its endpoints, except the DNS of a web
     * host scanned in the same file (a domain named after an HTTPS endpoint's host, its MX list not
     * collected: testssl.sh's CAA finding of that host): it is no mail domain anyone asked about,
     * and judged on its own it would only add "MX list not collected" for every criterion.
     */
    public static List<DomainFacts> unjudgedDomains(FactsDocument doc) {
        return doc.domainsOrEmpty().stream()
                .filter(d -> doc.endpoints().stream().noneMatch(e -> d.hasMx(e.endpoint().host())))
                .filter(d -> d.mx() != null || doc.endpoints().stream().noneMatch(e -> e.endpoint().service() == Service.HTTPS
                        && DomainFacts.normalize(e.endpoint().host()).equals(d.domain())))
                .toList();
    }

    /**
     * Judges a mail domain on its own, for a domain no MX endpoint of the facts belongs to. The
     * domain criteria ({@code @subject("domain")}) decide as usual; every other criterion concerns
     * an MX endpoint that is not in the facts: NOT_APPLICABLE for a Null MX domain (it accepts no
     * mail), else INCONCLUSIVE (the MX was not scanned).
     */
    public EndpointResult evaluateDomain(DomainFacts domain, String source) {
        return evaluateDomain(domain, source, null);
    }

    public EndpointResult evaluateDomain(DomainFacts domain, String source, Consumer<String> fired) {
        IncrementalSession.Judged judged = run(DomainRuleFacts.of(domain), fired);
        Map<String, List<Outcome>> byPackage = byCriterion(judged.outcomes());
        String notJudged = notJudgedMessage(domain);
        Status notJudgedStatus = Boolean.TRUE.equals(domain.nullMx()) ? Status.NOT_APPLICABLE : Status.INCONCLUSIVE;
        List<Verdict> verdicts = new ArrayList<>();
        for (Criterion c : policy.criteria()) {
            verdicts.add(c.judgesDomain() ? judged.decide(c, outcomesOf(c, byPackage))
                    : new Verdict(c.id(), c.title(), c.level(), notJudgedStatus, notJudged, c.expect(), List.of(), List.of()));
        }
        Endpoint subject = new Endpoint(domain.domain(), null, Service.SMTP.wellKnownPort(), Service.SMTP, null);
        java.util.Set<String> domainCriteria = new java.util.HashSet<>();
        policy.criteria().stream().filter(Criterion::judgesDomain).forEach(c -> domainCriteria.add(c.id()));
        return new EndpointResult(subject, domain.domain(), source, EndpointResult.overall(verdicts),
                List.copyOf(advice.adviseDomain(domain, verdicts, domainCriteria)));
    }

    static String notJudgedMessage(DomainFacts d) {
        if (Boolean.TRUE.equals(d.nullMx())) {
            return d.domain() + " accepts no mail (Null MX, RFC 7505): there is no MX endpoint to judge";
        }
        if (d.mx() == null) {
            return "the MX list of " + d.domain() + " was not collected, so no MX endpoint was judged";
        }
        if (d.mx().isEmpty()) {
            return d.domain() + " has no MX records, so no MX endpoint was judged";
        }
        return "no MX endpoint of " + d.domain() + " is in the facts (MX: "
                + String.join(", ", d.mx().stream().map(org.tlsverdict.facts.MxHost::host).toList())
                + "): its TLS facts were not collected";
    }

    private IncrementalSession.Judged run(EndpointFacts facts, List<DomainFacts> domains, Consumer<String> fired) {
        RuleInput all = RuleFacts.of(facts, registry);
        Endpoint e = facts.endpoint();
        if (!policy.trustedRules()) {
            // Checked rules cannot ask an Endpoint for its host (RuleChecker); trusted ones get it as read.
            all.set(0, e.withoutIdentity());
        }
        if (policy.readsEndpointAddress()) {
            all.add(new EndpointAddress(e.host(), e.ip()), facts.provenanceOf("endpoint"));
        }
        all.addAll(DomainRuleFacts.of(e, domains));
        return run(all, fired);
    }

    private IncrementalSession.Judged run(RuleInput facts, Consumer<String> fired) {
        RuleInput all = new RuleInput();
        all.add(time);
        all.addAll(facts);
        if (fired != null) {
            // Rule coverage needs every rule that fires for this endpoint: a session of its own.
            IncrementalSession own = new IncrementalSession(policy.kieBase());
            try {
                own.session().addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        fired.accept(event.getMatch().getRule().getPackageName() + "/" + event.getMatch().getRule().getName());
                    }
                });
                return own.judge(all);
            } finally {
                own.dispose();
            }
        }
        // Taken from the thread while in use; a session whose evaluation threw is not trusted again.
        IncrementalSession session = sessions.get();
        sessions.remove();
        if (session == null) {
            session = new IncrementalSession(policy.kieBase());
        }
        IncrementalSession.Judged judged;
        try {
            judged = session.judge(all);
        } catch (RuntimeException | Error e) {
            session.dispose();
            throw e;
        }
        sessions.set(session);
        return judged;
    }

    /** Long lists (every weak suite of every version) stay readable; the evidence keeps them all. */
    static String summarize(TreeSet<String> messages) {
        if (messages.size() <= MAX_MESSAGES) {
            return String.join("; ", messages);
        }
        return String.join("; ", messages.stream().limit(MAX_MESSAGES).toList())
                + "; and " + (messages.size() - MAX_MESSAGES) + " more";
    }

    static Map<String, List<Outcome>> byCriterion(List<Outcome> outcomes) {
        Map<String, List<Outcome>> byPackage = new HashMap<>();
        for (Outcome o : outcomes) {
            byPackage.computeIfAbsent(o.criterionPackage(), k -> new ArrayList<>()).add(o);
        }
        return byPackage;
    }

    static Verdict decide(Criterion c, List<Outcome> outcomes, Function<Fact, Provenance> provenance) {
        if (outcomes.isEmpty()) {
            return new Verdict(c.id(), c.title(), c.level(), Status.INCONCLUSIVE, NO_OUTCOME, c.expect(), List.of(), List.of());
        }
        Status status = Status.NOT_APPLICABLE;
        for (Outcome o : outcomes) {
            status = Status.worst(status, o.status());
        }
        TreeSet<String> messages = new TreeSet<>();
        TreeSet<Evidence> evidence = new TreeSet<>();
        TreeSet<String> rules = new TreeSet<>();
        for (Outcome o : outcomes) {
            if (o.status() == status) {
                messages.add(o.message());
                rules.add(o.rule());
                o.evidence().forEach(f -> evidence.add(Evidence.of(f, provenance.apply(f))));
            }
        }
        return new Verdict(c.id(), c.title(), c.level(), status, summarize(messages), c.expect(),
                List.copyOf(evidence), List.copyOf(rules));
    }
}
