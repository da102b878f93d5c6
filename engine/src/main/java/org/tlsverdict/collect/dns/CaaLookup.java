package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.Caa;
import org.tlsverdict.facts.CaaRecord;
import org.tlsverdict.facts.DomainFacts;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The relevant CAA record set of a name (RFC 8659 section 3): the CAA records of the name itself,
 * else of its parent, climbing up to (not including) the root. A failed lookup on the way makes
 * the answer unknown, since a record further up might have applied.
 */
final class CaaLookup {

    record Result(Caa caa, String detail) {
    }

    private CaaLookup() {
    }

    static Result lookup(DnsClient dns, String name) {
        String current = DomainFacts.normalize(name);
        List<String> asked = new ArrayList<>();
        while (!current.isEmpty()) {
            DnsAnswer a = dns.query(current, Type.CAA);
            asked.add(current);
            if (a.failed()) {
                return new Result(Caa.UNKNOWN, a.describe());
            }
            if (!a.empty()) {
                List<CaaRecord> out = new ArrayList<>();
                for (Record r : a.records()) {
                    CAARecord c = (CAARecord) r;
                    out.add(new CaaRecord(current, c.getFlags(), c.getTag(), c.getValue()));
                }
                return new Result(new Caa(out), a.describe());
            }
            int dot = current.indexOf('.');
            current = dot < 0 ? "" : current.substring(dot + 1);
        }
        return new Result(new Caa(List.of()), "no CAA at " + String.join(", ", asked));
    }
}
