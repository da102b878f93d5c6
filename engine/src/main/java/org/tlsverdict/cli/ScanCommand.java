package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.runner.ExternalRunners;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.ReportWriter;
import org.tlsverdict.report.VerdictReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Collect the TLS facts of endpoints with an installed scanner (testssl.sh, nmap or sslscan),",
                "keep its raw output beside the facts, and evaluate them when --policy is given.",
                "TARGET: HOST:PORT (service from the well-known port) or SCHEME://HOST:PORT (smtp, submission, imap, pop3:",
                "STARTTLS; smtps, imaps, pop3s, https: implicit TLS). Exit codes as for evaluate."})
public final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "endpoints to scan")
    List<String> targets;

    @Option(names = "--runner", required = true, paramLabel = "NAME", description = "testssl, nmap or sslscan")
    String runnerName;

    @Option(names = "--starttls", defaultValue = "auto", paramLabel = "PROTO",
            description = "smtp, imap, pop3, none or auto (from the port: 25/587 smtp, 143 imap, 110 pop3; default: ${DEFAULT-VALUE})")
    String starttls;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "facts file to write (.json: JSON, else YAML); raw output goes beside it")
    Path output;

    @Option(names = "--policy", paramLabel = "DIR", description = "evaluate the collected facts against this policy")
    Path policyDir;

    @Option(names = "--format", defaultValue = "text", description = "report format with --policy (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "S", description = "per-connection timeout in seconds (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--deadline", defaultValue = "900", paramLabel = "S", description = "overall limit per target in seconds (default: ${DEFAULT-VALUE})")
    int deadline;

    @Option(names = "--ca", paramLabel = "FILE", description = "extra CA certificate the scanner should trust")
    Path ca;

    @Option(names = "--quiet", description = "no progress display")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("auto", "none", "smtp", "imap", "pop3").contains(starttls)) {
            err.println("tlsverdict: --starttls must be smtp, imap, pop3, none or auto");
            return ExitCodes.ERROR;
        }
        ScanRunner runner = ExternalRunners.all().stream().filter(r -> r.name().equals(runnerName)).findFirst().orElse(null);
        if (runner == null) {
            err.println("tlsverdict: unknown runner '" + runnerName + "' (available: testssl, nmap, sslscan; the native prober is not built yet)");
            return ExitCodes.ERROR;
        }
        List<ScanTarget> parsed = new ArrayList<>();
        for (String t : targets) {
            try {
                parsed.add(ScanTarget.parse(t));
            } catch (IllegalArgumentException e) {
                err.println("tlsverdict: " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        Path work = output != null ? output.toAbsolutePath().getParent().resolve(stem(output) + ".raw")
                : Files.createTempDirectory("tlsverdict-scan");
        ScanRunner.ScanOptions options = new ScanRunner.ScanOptions(work, timeout, deadline, 0, starttls, ca);
        Progress progress = new Progress(err, !quiet && System.console() != null && System.getenv("CI") == null);
        Map<String, EndpointFacts> collected = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        // Targets in parallel, two at a time: each external scanner already opens many connections.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, parsed.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ScanTarget t : parsed) {
                futures.add(pool.submit(() -> {
                    try {
                        ScanRunner.ScanResult r = runner.scan(t, options, progress);
                        synchronized (collected) {
                            collected.put(t.toString(), r.facts());
                        }
                    } catch (ScanException e) {
                        synchronized (errors) {
                            errors.add(e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    errors.add("tlsverdict: " + e.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        progress.clear();
        errors.forEach(err::println);
        FactsDocument doc = FactsDocument.of(new ArrayList<>(collected.values()));
        String text = output != null && output.toString().endsWith(".json") ? FactsCodec.toJson(doc) : FactsCodec.toYaml(doc);
        if (output != null) {
            Files.writeString(output, text, StandardCharsets.UTF_8);
            err.println("facts: " + output + "; raw " + runnerName + " output: " + work);
        } else if (policyDir == null) {
            out.print(text);
        }
        int exit = errors.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
        if (policyDir != null) {
            CompiledPolicy policy = PolicyOption.compile(policyDir, err);
            if (policy == null) {
                return ExitCodes.ERROR;
            }
            Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), Instant.now());
            List<EndpointResult> results = new ArrayList<>();
            doc.endpoints().forEach(e -> results.add(evaluator.evaluate(e, output == null ? runnerName : output.toString())));
            VerdictReport report = VerdictReport.of(policy, results, List.of());
            out.print(ReportWriter.render(report, policy, format, false, format == Format.text && System.console() != null));
            if (exit == ExitCodes.OK && report.anyFail()) {
                exit = ExitCodes.FAIL;
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** One status line per run on a terminal; nothing in CI or with --quiet. */
    static final class Progress implements ScanRunner.ScanProgress {
        private final PrintWriter err;
        private final boolean enabled;

        Progress(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public synchronized void step(ScanTarget target, String what, int done, int total) {
            if (!enabled) {
                return;
            }
            int width = 20;
            int filled = total <= 0 ? 0 : Math.min(width, done * width / total);
            String line = String.format("\r%-22s [%s%s] %s", target, "#".repeat(filled), " ".repeat(width - filled), what);
            err.print(line.length() > 100 ? line.substring(0, 100) : line + " ".repeat(100 - line.length()));
            err.flush();
        }

        synchronized void clear() {
            if (enabled) {
                err.print("\r" + " ".repeat(100) + "\r");
                err.flush();
            }
        }
    }
}
