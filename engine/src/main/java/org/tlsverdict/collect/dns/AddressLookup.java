package org.tlsverdict.collect.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Addresses of a host through the chosen resolver (A, then AAAA), with the DNSSEC status of the answer. */
final class AddressLookup {

    record Result(List<InetAddress> addresses, DnsAnswer answer) {
    }

    private AddressLookup() {
    }

    static Result lookup(DnsClient dns, String host) {
        DnsAnswer a = dns.query(host, Type.A);
        List<InetAddress> out = new ArrayList<>(addresses(a));
        DnsAnswer aaaa = dns.query(host, Type.AAAA);
        out.addAll(addresses(aaaa));
        // The A answer decides the status unless only AAAA records exist, or A failed and AAAA did not.
        DnsAnswer decisive = (a.failed() || a.empty()) && !aaaa.failed() && !aaaa.empty() ? aaaa : a;
        return new Result(List.copyOf(out), decisive);
    }

    private static List<InetAddress> addresses(DnsAnswer answer) {
        List<InetAddress> out = new ArrayList<>();
        for (Record r : answer.records()) {
            if (r instanceof ARecord a) {
                out.add(a.getAddress());
            } else if (r instanceof AAAARecord a) {
                out.add(a.getAddress());
            }
        }
        return out;
    }
}
