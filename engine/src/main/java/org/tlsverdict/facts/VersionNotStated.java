package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a scanner saw accepted without saying on which protocol version: testssl.sh's default run
 * before 3.2 lists every accepted suite ({@code cipher_x<hex>}, with its key-exchange size) but
 * not per version, and names the curves and DH groups ({@code FS_ECDHE_curves}, {@code DH_groups},
 * {@code FS_KEMs}) once for the endpoint. Rules see these suites as cipher facts without a
 * version, so criteria that do not need the version (3DES or static RSA anywhere, DHE size) can
 * decide while those that do stay INCONCLUSIVE. Null lists mean "not collected".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionNotStated(List<CipherEntry> ciphers, List<String> groups) {

    public VersionNotStated {
        ciphers = ciphers == null ? null : List.copyOf(ciphers);
        groups = groups == null ? null : List.copyOf(groups);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return ciphers == null && groups == null;
    }
}
