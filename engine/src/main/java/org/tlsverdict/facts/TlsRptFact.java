package org.tlsverdict.facts;

/** Rule fact: the TLS-RPT status of a domain and its reporting URIs, comma-separated. */
public record TlsRptFact(String domain, TlsRptStatus status, String rua, String reason) implements Fact {

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("TLS-RPT of ").append(domain).append(": ").append(status);
        if (rua != null) {
            sb.append(", rua=").append(rua);
        }
        return reason == null ? sb.toString() : sb.append(": ").append(reason).toString();
    }
}
