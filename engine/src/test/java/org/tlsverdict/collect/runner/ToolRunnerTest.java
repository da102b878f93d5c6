package org.tlsverdict.collect.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.Service;

/**
 * What an external runner hands on from the tool's output. The tool here is {@code cp}, which
 * "scans" by copying a saved testssl.sh result into the raw output file.
 */
class ToolRunnerTest {

    @TempDir
    Path work;

    @Test
    void testsslsCaaFindingAndTheTargetsServiceReachTheScanResult() throws Exception {
        // The saved scan is of 127.0.0.1, where testssl.sh looks up no CAA: make it a named host with a record.
        ArrayNode findings = (ArrayNode) new ObjectMapper().readTree(Path.of("fixtures/scans/strong/25-smtp/testssl.json").toFile());
        for (JsonNode f : findings) {
            ((ObjectNode) f).put("ip", "mail.example.test/127.0.0.1");
            if (f.path("id").asText().equals("DNS_CAArecord")) {
                ((ObjectNode) f).put("severity", "OK").put("finding", "issue=letsencrypt.org");
            }
        }
        String saved = findings.toString();
        assertThat(saved).contains("issue=letsencrypt.org");
        Path input = Files.writeString(work.resolve("saved.json"), saved);
        ToolRunner copy = new ToolRunner(new ExternalTool("cp", "coreutils")) {
            @Override
            String rawName(ScanTarget target) {
                return "raw.testssl.json";
            }

            @Override
            List<String> arguments(ScanTarget target, ScanRunner.ScanOptions options, Path raw) {
                return List.of(input.toString(), raw.toString());
            }

            @Override
            String progressStep(String line) {
                return null;
            }

            @Override
            String importFormat() {
                return "testssl";
            }

            @Override
            int expectedSteps() {
                return 1;
            }

            @Override
            public String name() {
                return "copy";
            }
        };
        ScanRunner.ScanResult r = copy.scan(ScanTarget.parse("smtp://mail.example.test:25"),
                new ScanRunner.ScanOptions(work.resolve("raw"), 5, 30, 0, null, null), ScanRunner.ScanProgress.SILENT);

        assertThat(r.facts().endpoint().service()).isEqualTo(Service.SMTP);
        assertThat(r.domains()).extracting(DomainFacts::domain).containsExactly("mail.example.test");
        assertThat(r.domains().get(0).caa().records()).anyMatch(x -> x.toString().contains("letsencrypt.org"));
    }
}
