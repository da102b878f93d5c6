package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;

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
}
