package org.tlsverdict.collect.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;

/**
 * The shape every external runner shares: build the arguments, run the tool into a raw output
 * file kept in the work folder, import that file, and put the target's service back on the facts
 * (tools only know the port).
 */
abstract class ToolRunner implements ScanRunner {

    private final ExternalTool tool;

    ToolRunner(ExternalTool tool) {
        this.tool = tool;
    }

    /** Raw output file name for a target, e.g. {@code 127.0.0.1_25.testssl.json}. */
    abstract String rawName(ScanTarget target);

    abstract List<String> arguments(ScanTarget target, ScanOptions options, Path raw);

    /** Maps a line of the tool's own output to a progress step, or null. */
    abstract String progressStep(String line);

    /** The input format of the raw file, for the importer. */
    abstract String importFormat();

    /** How many progress steps a run usually has, for the progress bar. */
    abstract int expectedSteps();

    @Override
    public ScanResult scan(ScanTarget target, ScanOptions options, ScanProgress progress) throws ScanException {
        Path work = options.workDir();
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new ScanException(work + ": cannot create the folder for raw output: " + e.getMessage(), e);
        }
        Path raw = work.resolve(rawName(target).replace(':', '_').replace('/', '_'));
        try {
            Files.deleteIfExists(raw);
        } catch (IOException e) {
            throw new ScanException(raw + ": cannot replace: " + e.getMessage(), e);
        }
        int[] step = {0};
        progress.step(target, name() + " starting", 0, expectedSteps());
        ExternalTool.Result r = tool.run(target, arguments(target, options, raw), work,
                options.deadlineSeconds() > 0 ? options.deadlineSeconds() : 900, line -> {
                    String s = progressStep(line);
                    if (s != null) {
                        progress.step(target, s, Math.min(++step[0], expectedSteps()), expectedSteps());
                    }
                });
        if (!Files.isRegularFile(raw)) {
            throw new ScanException(target + ": " + name() + " wrote no output (exit " + r.exitCode() + "): " + r.lastLine());
        }
        FactsDocument doc;
        try {
            doc = InputReader.read(raw, raw.toString(), importFormat());
        } catch (FactsFormatException e) {
            throw new ScanException(target + ": " + name() + " output unreadable: " + e.getMessage(), e);
        }
        EndpointFacts facts = doc.endpoints().stream().filter(e -> e.endpoint().port() == target.port()).findFirst()
                .orElseThrow(() -> new ScanException(target + ": " + name() + " output has no result for port " + target.port()
                        + " (exit " + r.exitCode() + "): " + r.lastLine()));
        progress.step(target, name() + " done", expectedSteps(), expectedSteps());
        Endpoint e = facts.endpoint();
        EndpointFacts withService = new EndpointFacts(Endpoint.of(target.host(), e.ip(), target.port(), target.service(),
                target.transport()), facts.source(), facts.protocols(), facts.ciphers(), facts.serverPreference(),
                facts.certificates(), facts.vulnerabilities(), facts.provenance(), facts.groups(), facts.features());
        return new ScanResult(withService, List.of(raw), -1, List.of(), List.of(), doc.domainsOrEmpty());
    }

    static String hostPort(ScanTarget t) {
        String h = t.connectHost();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + t.port();
    }
}
