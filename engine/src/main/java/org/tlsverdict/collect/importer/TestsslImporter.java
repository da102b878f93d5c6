package org.tlsverdict.collect.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsFormatException;

/**
 * testssl.sh output of 2.9dev to 3.3dev: JSON flat ({@code --jsonfile}: an array of findings
 * carrying ip and port), pretty ({@code --jsonfile-pretty}: {@code scanResult[]} with one array per
 * section; 2.9dev names the target {@code "target host"}), or CSV ({@code --csvfile}, {@link TestsslCsv}),
 * one or many targets. Tool notes ({@code engine_problem} and the like, whose target is "/" or
 * "host/" with no address) belong to no endpoint. The mapping of findings to facts is
 * {@link TestsslFindings}.
 */
public final class TestsslImporter implements ScanImporter {

    @Override
    public String format() {
        return "testssl";
    }

    @Override
    public boolean accepts(String head) {
        String h = head.stripLeading();
        return (h.startsWith("[") && h.contains("\"id\"") && h.contains("\"finding\""))
                || (h.startsWith("{") && (h.contains("\"Invocation\"") || h.contains("\"scanResult\"")))
                || TestsslCsv.looksLikeCsv(h);
    }

    @Override
    public List<EndpointFacts> read(byte[] content, String label) throws FactsFormatException {
        return readDocument(content, label).endpoints();
    }

    /** Endpoints, and the CAA records testssl.sh looked up for each scanned host name as {@code domains}. */
    @Override
    public FactsDocument readDocument(byte[] content, String label) throws FactsFormatException {
        List<TestsslFindings> targets = targets(content, label);
        List<EndpointFacts> out = new ArrayList<>();
        Map<String, DomainFacts> domains = new LinkedHashMap<>();
        for (TestsslFindings t : targets) {
            out.add(t.toFacts());
            t.caaDomain().ifPresent(d -> domains.putIfAbsent(d.domain(), d));
        }
        return FactsDocument.of(out, new ArrayList<>(domains.values()));
    }

    private static List<TestsslFindings> targets(byte[] content, String label) throws FactsFormatException {
        JsonNode root;
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        try {
            root = TestsslCsv.looksLikeCsv(text) ? TestsslCsv.findings(text, label) : FactsCodec.json().readTree(content);
        } catch (JsonProcessingException e) {
            throw new FactsFormatException(label + ": " + FactsCodec.describeError(e), e);
        } catch (IOException e) {
            throw new FactsFormatException(label + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new FactsFormatException(label + ": empty file");
        }
        List<TestsslFindings> out = new ArrayList<>();
        if (root.isArray()) {
            Map<String, TestsslFindings> byTarget = new LinkedHashMap<>();
            for (JsonNode f : root) {
                requireFinding(f, label);
                String ip = f.path("ip").asText("");
                String port = f.path("port").asText("");
                if (ip.isEmpty() || port.isEmpty() || ip.endsWith("/")) {
                    // Tool notes (engine_problem, scanTime of a failed run) name no address: "", "/" or "host/".
                    continue;
                }
                byTarget.computeIfAbsent(ip + " " + port, k -> TestsslFindings.forTarget(ip, port, label)).add(f);
            }
            out.addAll(byTarget.values());
        } else if (root.isObject() && root.has("scanResult")) {
            for (JsonNode target : root.get("scanResult")) {
                String host = target.path("targetHost").asText(target.path("target host").asText(""));
                String ip = target.path("ip").asText("");
                String port = target.path("port").asText("");
                TestsslFindings t = TestsslFindings.forTarget(host.isEmpty() ? ip : host + "/" + ip, port, label);
                target.fields().forEachRemaining(section -> {
                    if (section.getValue().isArray()) {
                        section.getValue().forEach(t::add);
                    }
                });
                out.add(t);
            }
        } else {
            throw new FactsFormatException(label + ": neither a testssl.sh findings array nor an object with scanResult");
        }
        if (out.isEmpty()) {
            throw new FactsFormatException(label + ": no finding names a target (did testssl.sh reach the host?)");
        }
        return out;
    }

    private static void requireFinding(JsonNode f, String label) throws FactsFormatException {
        if (!f.isObject() || !f.has("id") || !f.has("finding")) {
            throw new FactsFormatException(label + ": array element is not a testssl.sh finding (needs id and finding): "
                    + abbreviate(f.toString()));
        }
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
