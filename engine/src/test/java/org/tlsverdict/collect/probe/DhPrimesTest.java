package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;
import org.tlsverdict.tools.DhPrimeListGenerator;

class DhPrimesTest {

    @Test
    void namedGroupsCommonPrimesAndCustomPrimesAreToldApart() {
        assertThat(DhPrimes.classify(DHStandardGroups.rfc7919_ffdhe2048.getP())).isEqualTo(new DhPrimes.Classification("rfc7919", "ffdhe2048"));
        assertThat(DhPrimes.classify(DHStandardGroups.rfc7919_ffdhe4096.getP()).group()).isEqualTo("ffdhe4096");
        assertThat(DhPrimes.classify(DHStandardGroups.rfc3526_2048.getP()).dhPrime()).isEqualTo("common");
        assertThat(DhPrimes.classify(DHStandardGroups.rfc2409_1024.getP()).dhPrime()).isEqualTo("common");
        BigInteger custom = BigInteger.probablePrime(512, new SecureRandom());
        assertThat(DhPrimes.classify(custom)).isEqualTo(new DhPrimes.Classification("custom", "custom"));
    }

    @Test
    void theLogjamListIsIncluded() {
        assertThat(DhPrimes.table().values()).extracting(DhPrimes.Known::name)
                .anyMatch(n -> n.startsWith("mod_ssl 2.2.x/1024-bit"))
                .anyMatch(n -> n.startsWith("nginx/1024-bit"))
                .anyMatch(n -> n.startsWith("RFC5114/2048-bit"));
    }

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
