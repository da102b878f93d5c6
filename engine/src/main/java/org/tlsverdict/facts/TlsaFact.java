package org.tlsverdict.facts;

/**
 * Rule fact: the TLSA result of one MX ({@code _25._tcp.<host>}). {@code matched} is the record
 * that matched the presented chain, {@code records} how many records were found.
 */
public record TlsaFact(String domain, String host, TlsaStatus status, String matched, int records, String reason) implements Fact {

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("TLSA _25._tcp.").append(host).append(": ").append(status);
        if (matched != null) {
            sb.append(" (record ").append(matched).append(')');
        } else if (records > 0) {
            sb.append(" (").append(records).append(records == 1 ? " record)" : " records)");
        }
        return reason == null ? sb.toString() : sb.append(": ").append(reason).toString();
    }
}
