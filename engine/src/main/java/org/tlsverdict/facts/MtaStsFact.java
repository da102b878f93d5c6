package org.tlsverdict.facts;

/** Rule fact: the MTA-STS status of a domain and, when a policy was read, its mode and max_age. */
public record MtaStsFact(String domain, MtaStsStatus status, String mode, String id, Long maxAge, String reason) implements Fact {

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("MTA-STS of ").append(domain).append(": ").append(status);
        if (mode != null) {
            sb.append(", mode ").append(mode);
        }
        if (maxAge != null) {
            sb.append(", max_age ").append(maxAge);
        }
        return reason == null ? sb.toString() : sb.append(": ").append(reason).toString();
    }
}
