package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.MailService;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * The SRV records of RFC 6186 and RFC 8314 section 5.1 for one domain, through the chosen resolver.
 * Records keep priority order (lower first) and, within a priority, the larger weight first; the
 * port is taken as published. A target of "." says the service is decidedly not offered (RFC 2782).
 */
final class SrvLookup {

    /** Owner-name labels in the order RFC 8314 section 5.1 prefers: implicit TLS before STARTTLS. */
    static final List<MailService> SERVICES = List.of(MailService.SUBMISSIONS, MailService.SUBMISSION,
            MailService.IMAPS, MailService.IMAP, MailService.POP3S, MailService.POP3);

    record Srv(MailService service, String target, int port, int priority, int weight) {
    }

    /**
     * One service's answer: its records (empty when none or not offered), whether "." said it is
     * not offered, and the answer as provenance ({@code failed}: the lookup itself failed).
     */
    record Result(MailService service, List<Srv> records, boolean notOffered, DnsAnswer answer) {
        boolean failed() {
            return answer.failed();
        }
    }

    private SrvLookup() {
    }

    static String owner(MailService service, String domain) {
        return "_" + service + "._tcp." + domain;
    }

    static List<Result> lookup(DnsClient dns, String domain) {
        List<Result> out = new ArrayList<>();
        for (MailService s : SERVICES) {
            out.add(lookup(dns, s, domain));
        }
        return out;
    }

    static Result lookup(DnsClient dns, MailService service, String domain) {
        DnsAnswer a = dns.query(owner(service, domain), Type.SRV);
        return of(service, a);
    }

    static Result of(MailService service, DnsAnswer a) {
        List<Srv> records = new ArrayList<>();
        boolean dot = false;
        for (Record r : a.records()) {
            SRVRecord srv = (SRVRecord) r;
            if (srv.getTarget().equals(Name.root)) {
                dot = true;
                continue;
            }
            records.add(new Srv(service, DomainFacts.normalize(srv.getTarget().toString()), srv.getPort(), srv.getPriority(), srv.getWeight()));
        }
        records.sort(Comparator.comparingInt(Srv::priority).thenComparing(Comparator.comparingInt(Srv::weight).reversed())
                .thenComparing(Srv::target).thenComparingInt(Srv::port));
        // RFC 2782: "." is only meaningful as the sole record; next to real targets the real ones still say where.
        return new Result(service, List.copyOf(records), dot && records.isEmpty(), a);
    }
}
