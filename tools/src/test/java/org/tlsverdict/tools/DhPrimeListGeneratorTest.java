package org.tlsverdict.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.probe.DhPrimes;

class DhPrimeListGeneratorTest {

    /** The checked-in list is what the generator makes from its sources on this machine. */
    @Test
    void dataFileIsCurrentWithItsSources() throws Exception {
        Path testssl = Path.of("/etc/testssl/common-primes.txt");
        assumeTrue(Files.isReadable(testssl), "testssl.sh is not installed");
        String generated = DhPrimeListGenerator.render(DhPrimeListGenerator.generate(Files.readAllLines(testssl)));
        String checkedIn = new String(DhPrimes.class.getResourceAsStream(DhPrimes.RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(checkedIn).isEqualTo(generated);
    }
}
