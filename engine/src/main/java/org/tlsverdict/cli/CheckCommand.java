package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.ConcurrentScans;
import org.tlsverdict.collect.ScanAttempt;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;
import org.tlsverdict.collect.dns.Discovery;
import org.tlsverdict.collect.dns.DomainCollector;
import org.tlsverdict.collect.dns.DomainScan;
import org.tlsverdict.collect.dns.ProviderDiscovery;
import org.tlsverdict.collect.dns.ScannedEndpoints;
import org.tlsverdict.collect.dns.StarttlsChainCapture;
import org.tlsverdict.collect.probe.NativeRunner;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.DiscoveredService;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.ProviderReport;
import org.tlsverdict.report.ProviderTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Judge a mail provider as a whole: find every public mail endpoint of each DOMAIN through --resolver",
                "(MX, the SRV records of RFC 6186/8314, Mozilla autoconfig, optionally --ispdb), scan them all side by side",
                "with the native prober, collect the domain facts as scan --domain does, and print one provider table",
                "(endpoints x criteria) and summary. An endpoint that cannot be reached is reported with the reason.",
                "Exit 0: no FAIL; 1: some FAIL; 2: usage or setup error."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "DOMAIN", description = "mail domains (also --domain)")
    List<String> positional = new ArrayList<>();

    @Mixin
    DomainOptions dns;

    @Option(names = "--policy", defaultValue = "rules/privacyguides-proposed", paramLabel = "DIR",
            description = "policy folder (default: ${DEFAULT-VALUE})")
    Path policyDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "also write the collected facts here (.json: JSON, else YAML)")
    Path output;

    @Option(names = "--format", defaultValue = "text", description = "text, markdown, json or yaml (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--ispdb", paramLabel = "URL", description = "also ask this Thunderbird ISPDB (URL + DOMAIN), e.g. https://autoconfig.thunderbird.net/v1.1/")
    String ispdb;

    @Mixin
    ConnectionLimits limits;

    @Option(names = "--quiet", description = "no progress display and no per-endpoint lines")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> domains = new LinkedHashSet<>();
        positional.forEach(d -> domains.add(DomainFacts.normalize(d)));
        dns.domains.forEach(d -> domains.add(DomainFacts.normalize(d)));
        if (domains.isEmpty()) {
            err.println("tlsverdict: check needs at least one DOMAIN");
            return ExitCodes.ERROR;
        }
        if (!List.of(Format.text, Format.markdown, Format.json, Format.yaml).contains(format)) {
            err.println("tlsverdict: check writes --format text, markdown, json or yaml");
            return ExitCodes.ERROR;
        }
        if (limits.problem() != null) {
            err.println("tlsverdict: " + limits.problem());
            return ExitCodes.ERROR;
        }
        URI ispdbUri = null;
        if (ispdb != null) {
            try {
                ispdbUri = ProviderDiscovery.ispdbUri(ispdb);
            } catch (IllegalArgumentException e) {
                err.println("tlsverdict: " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        if (dns.ca != null && !Files.isReadable(dns.ca)) {
            err.println("tlsverdict: " + dns.ca + ": cannot read the CA file");
            return ExitCodes.ERROR;
        }
        // Compiled before anything is asked: a broken policy should cost no query and no connection.
        CompiledPolicy policy = PolicyOption.compile(policyDir, err);
        if (policy == null) {
            return ExitCodes.ERROR;
        }
        ScanRunner runner = new NativeRunner();
        ScanRunner.ScanOptions options = new ScanRunner.ScanOptions(null, limits.timeout, limits.deadline, limits.rate, Starttls.AUTO, dns.ca, false);
        ScanProgressLine progress = new ScanProgressLine(err, !quiet && Terminal.of(spec).console() && System.getenv("CI") == null);
        try (ConcurrentScans scans = new ConcurrentScans(runner, options, progress, 32)) {
            DomainCollector collector;
            try {
                collector = DomainCollector.fromSettings(dns.settings(), new ScannedEndpoints(scans, new StarttlsChainCapture(dns.settings().connectTimeoutMillis())));
            } catch (IOException e) {
                err.println("tlsverdict: " + e.getMessage());
                return ExitCodes.ERROR;
            }
            ProviderDiscovery discovery = new ProviderDiscovery(collector, dns.settings(), ispdbUri);
            // Each domain's endpoints start scanning as soon as it is discovered; the domain facts wait for its MX scans.
            Map<String, Discovery> found = new LinkedHashMap<>();
            Set<String> submitted = new LinkedHashSet<>();
            for (String d : domains) {
                Discovery disc = discovery.discover(d);
                found.put(d, disc);
                disc.findings().forEach(f -> err.println(f));
                for (Discovery.Located l : disc.services()) {
                    DiscoveredService s = l.service();
                    if (l.address() != null && submitted.add(key(s))) {
                        scans.submit(new ScanTarget(s.host(), s.port(), s.service().endpointService(), s.transport()).at(l.address()));
                    }
                }
                err.println(d + ": " + disc.services().size() + " endpoint(s) found");
            }
            err.flush();
            List<DomainFacts> domainFacts = new ArrayList<>();
            for (String d : domains) {
                DomainScan scan = collector.scan(d);
                domainFacts.add(scan.facts().withServices(found.get(d).discovered(), found.get(d).notes()));
            }
            Map<String, ScanAttempt> outcomes = new LinkedHashMap<>();
            for (ScanAttempt o : scans.all()) {
                outcomes.put(ConcurrentScans.key(o.target().host(), o.target().port(), o.target().transport()), o);
                if (!quiet) {
                    err.println(o.error() != null ? o.error() : String.format(Locale.ROOT, "%s: %s, %d connections, %.2f s",
                            o.target(), runner.name(), o.result().connections(), o.seconds()));
                }
            }
            progress.clear();

            Map<String, EndpointFacts> endpoints = new LinkedHashMap<>();
            Map<String, String> unreachable = new LinkedHashMap<>();
            for (String d : domains) {
                for (Discovery.Located l : found.get(d).services()) {
                    String k = key(l.service());
                    if (endpoints.containsKey(k)) {
                        continue;
                    }
                    ScanAttempt o = outcomes.get(k);
                    String why = l.problem() != null ? l.problem() : o == null ? "not scanned" : o.error();
                    if (why == null) {
                        endpoints.put(k, o.result().facts());
                    } else {
                        unreachable.put(k, why);
                        endpoints.put(k, notScanned(l, d, why));
                        if (o == null) {
                            err.println(l.service().label() + ": not scanned: " + why);
                        }
                    }
                }
            }
            FactsDocument doc = FactsDocument.of(List.copyOf(endpoints.values()), domainFacts);
            if (output != null) {
                String text = output.toString().endsWith(".json") ? FactsCodec.toJson(doc) : FactsCodec.toYaml(doc);
                Files.writeString(output, text, StandardCharsets.UTF_8);
            }
            Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), Instant.now());
            String source = output != null ? output.toString() : "check";
            Map<String, EndpointResult> judged = new LinkedHashMap<>();
            endpoints.forEach((k, f) -> judged.put(k, evaluator.evaluate(f, source, doc.domainsOrEmpty())));
            List<ProviderReport.Input> inputs = new ArrayList<>();
            for (DomainFacts d : domainFacts) {
                List<ProviderReport.EndpointInput> rows = new ArrayList<>();
                for (Discovery.Located l : found.get(d.domain()).services()) {
                    String k = key(l.service());
                    rows.add(new ProviderReport.EndpointInput(l.service(), judged.get(k), unreachable.get(k)));
                }
                inputs.add(new ProviderReport.Input(d, rows, evaluator.evaluateDomain(d, source), found.get(d.domain()).findings()));
            }
            ProviderReport report = ProviderReport.of(policy, inputs);
            err.flush();
            out.print(ProviderTables.render(report, format));
            out.flush();
            return report.anyFail() ? ExitCodes.FAIL : ExitCodes.OK;
        }
    }

    private static String key(DiscoveredService s) {
        return ConcurrentScans.key(s.host(), s.port(), s.transport());
    }

    /** An endpoint kept in the facts with nothing collected: every criterion on it is INCONCLUSIVE, and the source says why. */
    private static EndpointFacts notScanned(Discovery.Located l, String domain, String why) {
        DiscoveredService s = l.service();
        Endpoint e = Endpoint.of(s.host(), l.address(), s.port(), s.service().endpointService(), s.transport());
        return new EndpointFacts(e, new Provenance(NativeRunner.NAME, "check " + domain, "not scanned: " + why),
                null, null, null, null, null, null);
    }
}
