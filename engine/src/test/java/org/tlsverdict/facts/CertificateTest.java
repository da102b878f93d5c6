package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateTest {

    private static Certificate signedWith(String algorithm) {
        return new Certificate(0, "CN=x", List.of(), "CN=ca", "RSA", 2048, null, algorithm, null, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "sha1WithRSAEncryption, SHA1", "SHA1withRSA, SHA1", "ecdsa-with-SHA1, SHA1", "SHA-1, SHA1", "dsaWithSHA1, SHA1",
            "md5WithRSAEncryption, MD5", "md2WithRSAEncryption, MD2",
            "sha256WithRSAEncryption, SHA256", "ecdsa-with-SHA384, SHA384", "SHA512withECDSA, SHA512", "sha224WithRSAEncryption, SHA224",
            "RSASSA-PSS, none", "ED25519, none", "id-rsassa-pkcs1-v1_5-with-sha3-256, none", "none, none"})
    void signatureHashIsTheHashTheAlgorithmNames(String algorithm, String hash) {
        assertThat(signedWith(algorithm).getSignatureHash()).isEqualTo(hash);
    }

    @Test
    void signatureHashIsNotWrittenToFacts() throws Exception {
        EndpointFacts e = new EndpointFacts(new Endpoint("h", null, 25, null, null), null, null, null, null,
                List.of(signedWith("sha1WithRSAEncryption")), null, null);
        assertThat(FactsCodec.toJson(FactsDocument.of(List.of(e)))).contains("sha1WithRSAEncryption").doesNotContain("signatureHash");
    }
}
