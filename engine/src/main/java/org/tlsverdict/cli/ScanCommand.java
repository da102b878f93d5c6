package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.ConcurrentScans;
import org.tlsverdict.collect.ScanAttempt;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanRunners;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;
import org.tlsverdict.collect.dns.DomainCollector;
import org.tlsverdict.collect.dns.DomainScan;
import org.tlsverdict.collect.dns.ScannedMx;
import org.tlsverdict.collect.dns.StarttlsChainCapture;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.VerdictReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Collect the TLS facts of endpoints (native prober by default) into one facts file,",
                "and evaluate them when --policy is given. TARGET: HOST:PORT (service from the well-known port)",
                "or SCHEME://HOST:PORT (smtp, submission, imap, pop3: STARTTLS; smtps, imaps, pop3s, https: implicit TLS).",
                "Targets are scanned concurrently; each target's connections one at a time.",
                "--domain DOMAIN collects the mail domain's MX, DNSSEC, DANE, MTA-STS, TLS-RPT and CAA facts through",
                "--resolver only, and scans port 25 of each MX at the address that resolver gave.",
                "Exit 0: scanned (no FAIL); 1: some FAIL; 2: usage error or a target could not be scanned."})
public final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrustRulesOption trust;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "endpoints to scan")
    List<String> targets = new ArrayList<>();

    @Mixin
    DomainOptions dns;

    @Option(names = "--runner", defaultValue = ScanRunners.DEFAULT, paramLabel = "NAME",
            description = "collector: native (default, built in) or an installed scanner registered as a runner")
    String runnerName;

    @Option(names = "--starttls", defaultValue = "auto", paramLabel = "PROTO",
            description = Starttls.EXPECTED + " (auto: from the target's service; default: ${DEFAULT-VALUE})")
    String starttls;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "facts file to write (.json: JSON, else YAML); default: YAML on stdout")
    Path output;

    @Option(names = "--policy", paramLabel = "DIR", description = "evaluate the collected facts against this policy")
    Path policyDir;

    @Option(names = "--format", defaultValue = "text", description = "report format with --policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    VerdictOptions verdictOptions = new VerdictOptions();

    @Option(names = "--explain", description = "with --policy: show rules, sources and each fact with its provenance")
    boolean explain;

    @Mixin
    ConnectionLimits limits;

    @Option(names = "--groups", description = "also list every named group per version (native; one connection per group)")
    boolean groups;

    @Option(names = "--quiet", description = "no progress display and no per-target notes")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Starttls starttlsChoice = Starttls.parse(starttls).orElse(null);
        if (starttlsChoice == null) {
            err.println("tlsverdict: --starttls must be " + Starttls.EXPECTED);
            return ExitCodes.ERROR;
        }
        if (limits.problem() != null) {
            err.println("tlsverdict: " + limits.problem());
            return ExitCodes.ERROR;
        }
        if (targets.isEmpty() && dns.domains.isEmpty()) {
            err.println("tlsverdict: scan needs a TARGET or --domain DOMAIN");
            return ExitCodes.ERROR;
        }
        Map<String, ScanRunner> runners = ScanRunners.all();
        ScanRunner runner = runners.get(runnerName);
        if (runner == null) {
            err.println("tlsverdict: unknown runner '" + runnerName + "' (available: " + String.join(", ", runners.keySet()) + ")");
            return ExitCodes.ERROR;
        }
        List<ScanTarget> parsed = new ArrayList<>();
        for (String t : targets) {
            try {
                parsed.add(ScanTarget.parse(t));
            } catch (IllegalArgumentException e) {
                err.println("tlsverdict: " + t + ": " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        Path ca = dns.ca;
        if (ca != null && !Files.isReadable(ca)) {
            err.println("tlsverdict: " + ca + ": cannot read the CA file");
            return ExitCodes.ERROR;
        }
        CompiledPolicy policy = null;
        if (policyDir != null) {
            // Compiled before scanning: a broken policy should not cost the target any connection.
            policy = PolicyOption.compile(policyDir, err, trust.trustRules);
            if (policy == null) {
                return ExitCodes.ERROR;
            }
        }
        // External runners keep their raw output beside the facts (or in a temporary folder); native has none.
        Path work = null;
        if (!runner.name().equals(ScanRunners.DEFAULT)) {
            work = output != null ? output.toAbsolutePath().getParent().resolve(stem(output) + ".raw")
                    : Files.createTempDirectory("tlsverdict-scan");
        }
        ScanRunner.ScanOptions options = new ScanRunner.ScanOptions(work, limits.timeout, limits.deadline, limits.rate, starttlsChoice, ca, groups);
        ScanProgressLine progress = new ScanProgressLine(err, !quiet && Terminal.of(spec).console() && System.getenv("CI") == null);
        // Jackson takes a few hundred milliseconds to start; it warms up while the targets are probed.
        Thread warmUp = new Thread(() -> FactsCodec.toJson(FactsDocument.of(List.of())), "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        // The domain collector is set up before any target is scanned: a bad resolver or anchor costs no connection.
        ScannedMx mx = null;
        DomainCollector collector = null;
        if (!dns.domains.isEmpty()) {
            mx = new ScannedMx(runner, options, progress, new StarttlsChainCapture(dns.settings().connectTimeoutMillis()));
            try {
                collector = DomainCollector.fromSettings(dns.settings(), mx);
            } catch (IOException e) {
                err.println("tlsverdict: " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        List<ScanAttempt> outcomes = new ArrayList<>(scanAll(runner, parsed, options, progress));
        List<DomainFacts> domains = new ArrayList<>();
        if (collector != null) {
            for (String d : dns.domains) {
                DomainScan scan = collector.scan(d);
                domains.add(scan.facts());
                err.println(scan.facts().domain() + ": domain facts in " + scan.millis() + " ms");
            }
            outcomes.addAll(mx.scans());
        }
        progress.clear();

        List<Verdicts.Input> inputs = new ArrayList<>();
        List<VerdictReport.InputError> errors = new ArrayList<>();
        for (ScanAttempt o : outcomes) {
            if (o.error() != null) {
                errors.add(new VerdictReport.InputError(o.target().toString(), o.error()));
                err.println(o.error());
                continue;
            }
            ScanRunner.ScanResult r = o.result();
            err.printf(Locale.ROOT, "%s: %s, %s, %.2f s%n", o.target(), runner.name(),
                    r.connections() < 0 ? "connections not counted" : r.connections() + " connections", o.seconds());
            if (!quiet) {
                r.notes().forEach(n -> err.println("  " + n));
            }
            inputs.add(new Verdicts.Input(r.facts(), output != null ? output.toString() : runner.name() + " scan of " + o.target()));
            // A tool's own domain facts (testssl.sh's CAA) are kept unless the resolver collected that domain.
            for (DomainFacts d : r.domains()) {
                if (domains.stream().noneMatch(x -> x.domain().equalsIgnoreCase(d.domain()))) {
                    domains.add(d);
                }
            }
        }
        err.flush();
        FactsDocument doc = FactsDocument.of(inputs.stream().map(Verdicts.Input::facts).toList(), domains);
        String text = output != null && output.toString().endsWith(".json") ? FactsCodec.toJson(doc) : FactsCodec.toYaml(doc);
        if (output != null) {
            Files.writeString(output, text, StandardCharsets.UTF_8);
            if (work != null) {
                err.println("facts: " + output + "; raw " + runner.name() + " output: " + work);
            }
        } else if (policy == null) {
            out.print(text);
            out.flush();
        }
        err.flush();
        if (policy != null) {
            return Verdicts.report(policy, inputs, doc, output != null ? output.toString() : "domain scan", errors, Instant.now(), format,
                    explain, !Terminal.of(spec).console(), verdictOptions, out);
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    /** Every target at once (the native prober is sequential per target); results in the order given. */
    private static List<ScanAttempt> scanAll(ScanRunner runner, List<ScanTarget> targets, ScanRunner.ScanOptions options,
                                             ScanRunner.ScanProgress progress) {
        int threads = runner.name().equals(ScanRunners.DEFAULT) ? Math.min(targets.size(), 32) : Math.min(targets.size(), 2);
        try (ConcurrentScans scans = new ConcurrentScans(runner, options, progress, threads)) {
            targets.forEach(scans::submit);
            return scans.all();
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
