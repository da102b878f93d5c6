package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.FactsFormatException;

/** Hostile or broken files: one line naming the file and the problem, never a crash or a hang. */
class HostileInputTest {

    @TempDir
    Path tmp;

    private static void refused(String content, String fragment) {
        assertThatThrownBy(() -> InputReader.parse(content.getBytes(), "evil.xml", null))
                .isInstanceOf(FactsFormatException.class)
                .hasMessageStartingWith("evil.xml: ").hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void externalEntityIsRefused() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET");
        refused("<?xml version=\"1.0\"?><!DOCTYPE nmaprun [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
                + "<nmaprun><host><address addr=\"&x;\"/></host></nmaprun>", "entities");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY a \"ha\">");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY a").append(i).append(" \"&a").append(i == 1 ? "" : String.valueOf(i - 1)).append(";".repeat(1))
                    .append("&a").append(i == 1 ? "" : String.valueOf(i - 1)).append(";\">");
        }
        sb.append("]><document title=\"SSLScan Results\"><ssltest host=\"&a9;\" port=\"25\"/></document>");
        refused(sb.toString(), "entities");
    }

    @Test
    void externalDtdIsRefused() {
        refused("<?xml version=\"1.0\"?><!DOCTYPE nmaprun SYSTEM \"http://127.0.0.1:1/x.dtd\"><nmaprun/>", "DTD");
    }

    @Test
    void bareNmapDoctypeIsFine() throws Exception {
        byte[] xml = ImporterFixtures.resource(ImporterFixtures.MIXED + "nmap.xml");
        assertThat(new String(xml)).contains("<!DOCTYPE nmaprun>");
        assertThat(InputReader.parse(xml, "nmap.xml", null).endpoints()).hasSize(1);
    }

    @Test
    void brokenAndForeignFilesGetOneLine() {
        assertThatThrownBy(() -> InputReader.parse(new byte[] {1, 2, 0, 4}, "bin", null)).hasMessage("bin: binary file, not a facts file or scanner output");
        assertThatThrownBy(() -> InputReader.parse("hello world".getBytes(), "x.txt", null)).hasMessageContaining("x.txt: unrecognised content");
        assertThatThrownBy(() -> InputReader.parse("<nmaprun><host>".getBytes(), "cut.xml", null)).hasMessageStartingWith("cut.xml: line 1");
        assertThatThrownBy(() -> InputReader.parse("x".getBytes(), "x", "pdf")).hasMessageContaining("unknown format 'pdf'");
        assertThatThrownBy(() -> InputReader.parse("<document title=\"SSLScan Results\"></document>".getBytes(), "s.xml", null))
                .hasMessage("s.xml: no <ssltest> element (did sslscan reach the host?)");
    }

    @Test
    void fileOverTheSizeLimitIsRefusedWithoutReading() throws Exception {
        Path big = tmp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(InputReader.MAX_BYTES + 1);
        }
        assertThatThrownBy(() -> InputReader.read(big, "huge.json")).hasMessageContaining("huge.json: ").hasMessageContaining("input limit");
    }
}
