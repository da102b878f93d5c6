package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.collect.importer.ImportTarget;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert scanner output (testssl.sh JSON or CSV, nmap XML or text, sslscan XML, sslyze JSON) into tlsverdict facts.")
public final class ImportCommand implements Callable<Integer> {

    enum OutputFormat { yaml, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scanner output or facts files")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write here instead of standard output")
    Path output;

    @Option(names = "--format", description = "yaml or json (default: json when OUT ends in .json, else yaml)")
    OutputFormat format;

    @Option(names = "--from", paramLabel = "FORMAT", description = "force the input format: facts, testssl, nmap-xml, nmap-text, sslscan, sslyze")
    String from;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "host and port of scanner output that does not name them (an nmap paste without its 'Nmap scan report for' or port line)")
    String target;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!PolicyOption.knownFormat(from, err)) {
            return ExitCodes.ERROR;
        }
        ImportTarget importTarget;
        try {
            importTarget = target == null ? null : ImportTarget.parse(target);
        } catch (FactsFormatException e) {
            err.println("tlsverdict: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        List<EndpointFacts> endpoints = new ArrayList<>();
        List<org.tlsverdict.facts.DomainFacts> domains = new ArrayList<>();
        boolean failed = false;
        for (Path file : files) {
            try {
                FactsDocument read = InputReader.read(file, file.toString(), from, importTarget);
                endpoints.addAll(read.endpoints());
                domains.addAll(read.domainsOrEmpty());
            } catch (FactsFormatException e) {
                err.println(e.getMessage());
                failed = true;
            }
        }
        if (failed && endpoints.isEmpty() && domains.isEmpty()) {
            // An empty facts file would later read as "nothing wrong"; write none.
            err.println("import: no input could be read, no facts written");
            err.flush();
            return ExitCodes.ERROR;
        }
        FactsDocument doc = FactsDocument.of(endpoints, domains);
        OutputFormat f = format != null ? format
                : output != null && output.toString().endsWith(".json") ? OutputFormat.json : OutputFormat.yaml;
        String text = f == OutputFormat.json ? FactsCodec.toJson(doc) : FactsCodec.toYaml(doc);
        try {
            if (output == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println(output + ": cannot write: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        err.flush();
        return failed ? ExitCodes.ERROR : ExitCodes.OK;
    }
}
