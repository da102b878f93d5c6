package org.tlsverdict.collect.dns;

import java.util.List;
import org.tlsverdict.facts.DnssecStatus;
import org.xbill.DNS.Record;

/**
 * One validated answer: the records of the asked type (CNAMEs left out), the DNSSEC status, the
 * response code and, when the lookup failed or was bogus, why. {@code error} set means no usable
 * answer (timeout, SERVFAIL, REFUSED, bogus).
 */
public record DnsAnswer(String query, int rcode, DnssecStatus dnssec, List<Record> records, String error) {

    public DnsAnswer {
        records = records == null ? List.of() : List.copyOf(records);
    }

    public boolean failed() {
        return error != null;
    }

    /** NXDOMAIN or NODATA: the name or type does not exist. */
    public boolean empty() {
        return error == null && records.isEmpty();
    }

    /** For provenance: the query and what came back. */
    public String describe() {
        if (error != null) {
            return query + ": " + error;
        }
        return query + ": " + records.size() + (records.size() == 1 ? " record" : " records") + ", DNSSEC " + dnssec;
    }
}
