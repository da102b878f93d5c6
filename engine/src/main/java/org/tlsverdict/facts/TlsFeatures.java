package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Handshake features of an endpoint below TLS 1.3, each three-valued; null (left out of the file)
 * means "not collected". {@code secureRenegotiation}: RFC 5746 renegotiation_info answered;
 * {@code compression}: the server chose a TLS compression method (CRIME); {@code extendedMasterSecret}:
 * RFC 7627 answered; {@code fallbackScsv}: RFC 7507 TLS_FALLBACK_SCSV honoured (a downgraded
 * hello was refused with inappropriate_fallback); {@code earlyData}: the server accepted TLS 1.3
 * 0-RTT data (RFC 8446 section 2.3, replayable), as sslyze reports it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsFeatures(TriState secureRenegotiation, TriState compression, TriState extendedMasterSecret,
                          TriState fallbackScsv, TriState earlyData) {

    /** The four features the native prober measures; early data not collected. */
    public TlsFeatures(TriState secureRenegotiation, TriState compression, TriState extendedMasterSecret, TriState fallbackScsv) {
        this(secureRenegotiation, compression, extendedMasterSecret, fallbackScsv, null);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return secureRenegotiation == null && compression == null && extendedMasterSecret == null && fallbackScsv == null
                && earlyData == null;
    }
}
