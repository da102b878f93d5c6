package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.net.ssl.X509TrustManager;
import org.tlsverdict.collect.dns.ChainFacts;
import org.tlsverdict.collect.dns.DomainCollector;
import org.tlsverdict.collect.dns.DomainScan;
import org.tlsverdict.collect.dns.TrustStores;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Collects the facts of mail domains (MX, DNSSEC, DANE, MTA-STS, TLS-RPT, CAA) and the certificate
 * chain each MX presents, and writes them as a facts file. Until {@code scan --domain} lands, this
 * is the way to get the {@code domains} area.
 */
@Command(name = "scan-domain", mixinStandardHelpOptions = true,
        description = "Collect mail-domain facts (MX, DNSSEC, DANE, MTA-STS, TLS-RPT, CAA) into a facts file. Exit 0: written; 2: usage or setup error.")
public final class ScanDomainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "DOMAIN", description = "mail domains (also --domain)")
    List<String> positional = new ArrayList<>();

    @Mixin
    DomainOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the facts here instead of standard output")
    Path output;

    @Option(names = "--format", defaultValue = "json", description = "json or yaml (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> domains = new LinkedHashSet<>(positional);
        domains.addAll(options.domains);
        if (domains.isEmpty()) {
            err.println("tlsverdict: scan-domain needs at least one DOMAIN");
            return ExitCodes.ERROR;
        }
        if (!format.equals("json") && !format.equals("yaml")) {
            err.println("tlsverdict: unknown --format '" + format + "' (json or yaml)");
            return ExitCodes.ERROR;
        }
        DomainCollector collector;
        X509TrustManager trust;
        try {
            collector = DomainCollector.fromSettings(options.settings());
            trust = TrustStores.trustManager(options.ca);
        } catch (IOException e) {
            err.println("tlsverdict: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        List<DomainFacts> facts = new ArrayList<>();
        List<EndpointFacts> endpoints = new ArrayList<>();
        for (String d : domains) {
            DomainScan scan = collector.scan(d);
            facts.add(scan.facts());
            for (DomainScan.MxChain c : scan.chains()) {
                if (c.address() == null) {
                    continue;
                }
                Provenance source = new Provenance(DomainCollector.COLLECTOR, "STARTTLS " + c.host() + ":" + c.port()
                        + " at " + c.address(), c.problem());
                endpoints.add(new EndpointFacts(Endpoint.of(c.host(), c.address(), c.port(), Service.SMTP, Transport.STARTTLS),
                        source, null, null, null, c.chain() == null ? null : ChainFacts.of(c.chain(), c.host(), trust, null),
                        null, null));
            }
            err.println(scan.facts().domain() + ": collected in " + scan.millis() + " ms");
        }
        FactsDocument doc = FactsDocument.of(endpoints, facts);
        String text = format.equals("yaml") ? FactsCodec.toYaml(doc) : FactsCodec.toJson(doc);
        if (output == null) {
            out.print(text);
            out.flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(output + ": cannot write: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
    }
}
