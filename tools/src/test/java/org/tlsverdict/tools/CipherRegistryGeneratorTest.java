package org.tlsverdict.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;

class CipherRegistryGeneratorTest {

    private final CipherRegistry registry = CipherRegistry.standard();

    /** The checked-in data file is what the generator makes from the sources on this machine. */
    @Test
    void dataFileIsCurrentWithItsSources() throws Exception {
        Path testssl = Path.of("/etc/testssl/cipher-mapping.txt");
        Path nmap = Path.of("/usr/share/nmap/nselib/tls.lua");
        assumeTrue(Files.isReadable(testssl) && Files.isReadable(nmap), "testssl.sh and nmap are not installed");
        CipherRegistryGenerator g = new CipherRegistryGenerator();
        List<CipherSuite> generated = g.generate(Files.readAllLines(testssl), Files.readAllLines(nmap), List.of());
        String checkedIn = new String(CipherRegistry.class.getResourceAsStream(CipherRegistry.RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        // OpenSSL names are the one input that depends on the local OpenSSL build: compare the rest.
        for (CipherSuite s : generated) {
            CipherSuite stored = registry.byCode(s.code()).orElseThrow(() -> new AssertionError("missing " + s.iana()));
            assertThat(new CipherSuite(stored.code(), stored.iana(), null, stored.keyExchange(), stored.authentication(),
                    stored.cipher(), stored.bits(), stored.mac(), stored.aead(), stored.forwardSecret(), stored.tls13(), stored.export()))
                    .isEqualTo(new CipherSuite(s.code(), s.iana(), null, s.keyExchange(), s.authentication(), s.cipher(),
                            s.bits(), s.mac(), s.aead(), s.forwardSecret(), s.tls13(), s.export()));
        }
        assertThat(checkedIn.lines().filter(l -> l.startsWith("0x")).count()).isEqualTo(generated.size());
        // The only naming disagreements between the sources are nmap's names for the RFC 9150 suites.
        assertThat(g.disagreements()).allMatch(d -> d.contains("0xC0B4") || d.contains("0xC0B5"));
    }
}
