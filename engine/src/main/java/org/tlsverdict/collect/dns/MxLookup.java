package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.DomainFacts;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The MX records of a domain, sorted by preference; a Null MX (RFC 7505) is reported, not an error. */
final class MxLookup {

    record Mx(String host, int preference) {
    }

    /** {@code mx} null when the lookup failed. */
    record Result(DnsAnswer answer, List<Mx> mx, boolean nullMx, String problem) {
    }

    private MxLookup() {
    }

    static Result lookup(DnsClient dns, String domain) {
        DnsAnswer a = dns.query(domain, Type.MX);
        List<Record> records = a.records();
        String note = null;
        if (a.dnssec() == DnssecStatus.BOGUS) {
            // The domain stays bogus; the unvalidated names only let the MX endpoints be judged too.
            records = dns.uncheckedRecords(domain, Type.MX);
            note = "MX answer is DNSSEC bogus; MX hosts taken from the unvalidated answer";
            if (records.isEmpty()) {
                return new Result(a, null, false, a.error());
            }
        } else if (a.failed()) {
            return new Result(a, null, false, a.error());
        }
        List<Mx> out = new ArrayList<>();
        boolean nullMx = false;
        for (Record r : records) {
            MXRecord mx = (MXRecord) r;
            if (mx.getTarget().equals(Name.root)) {
                nullMx = true;
                continue;
            }
            out.add(new Mx(DomainFacts.normalize(mx.getTarget().toString()), mx.getPriority()));
        }
        out.sort(Comparator.comparingInt(Mx::preference).thenComparing(Mx::host));
        // RFC 7505 section 3: a Null MX must be the only MX record; other records next to it are a misconfiguration.
        String problem = nullMx && !out.isEmpty() ? "Null MX published together with other MX records" : note;
        return new Result(a, List.copyOf(out), nullMx, problem);
    }
}
