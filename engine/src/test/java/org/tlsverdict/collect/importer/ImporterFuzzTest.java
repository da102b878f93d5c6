package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.FactsFormatException;

/**
 * Each importer must turn any byte sequence into facts or into one FactsFormatException line;
 * nothing else may escape. Without JAZZER_FUZZ these replay the inputs under
 * src/test/resources/org/tlsverdict/collect/importer/ImporterFuzzTestInputs/ (seeds and every
 * crash found so far); scripts/fuzz runs a bounded fuzzing session per importer.
 */
class ImporterFuzzTest {

    private static void check(byte[] data, String format) {
        try {
            InputReader.parse(data, "fuzz", format);
        } catch (FactsFormatException e) {
            assertThat(e.getMessage()).startsWith("fuzz").doesNotContain("\n");
        }
    }

    @FuzzTest(maxDuration = "20s")
    void testssl(byte[] data) {
        check(data, "testssl");
    }

    @FuzzTest(maxDuration = "20s")
    void nmapXml(byte[] data) {
        check(data, "nmap-xml");
    }

    @FuzzTest(maxDuration = "20s")
    void nmapText(byte[] data) {
        check(data, "nmap-text");
    }

    @FuzzTest(maxDuration = "20s")
    void sslscan(byte[] data) {
        check(data, "sslscan");
    }

    @FuzzTest(maxDuration = "20s")
    void facts(byte[] data) {
        check(data, "facts");
    }
}
