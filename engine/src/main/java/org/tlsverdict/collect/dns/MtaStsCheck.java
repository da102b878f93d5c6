package org.tlsverdict.collect.dns;

import java.net.InetAddress;
import java.util.List;
import org.tlsverdict.facts.MtaSts;
import org.tlsverdict.facts.MtaStsStatus;
import org.xbill.DNS.Type;

/**
 * MTA-STS of a domain (RFC 8461): the {@code _mta-sts} TXT record, then the policy from
 * {@code mta-sts.<domain>} resolved through the chosen resolver, then whether every MX matches
 * a pattern. "invalid" whenever the TXT record exists but no valid policy can be had.
 */
final class MtaStsCheck {

    /** The facts and, for provenance, what was asked. */
    record Result(MtaSts facts, String detail) {
    }

    private MtaStsCheck() {
    }

    static Result check(DnsClient dns, PolicyFetcher fetcher, String domain, List<String> mxHosts) {
        DnsAnswer txt = dns.query("_mta-sts." + domain, Type.TXT);
        if (txt.failed()) {
            return new Result(new MtaSts(MtaStsStatus.UNKNOWN, null, null, null, null, txt.describe()), txt.describe());
        }
        StsRecord.Parsed record = StsRecord.parse(TxtFields.texts(txt.records()));
        if (!record.present()) {
            return new Result(new MtaSts(MtaStsStatus.ABSENT, null, null, null, null, null), txt.describe());
        }
        if (record.problem() != null) {
            return new Result(invalid(null, null, record.problem()), txt.describe());
        }
        String id = record.record().id();
        String host = "mta-sts." + domain;
        AddressLookup.Result addr = AddressLookup.lookup(dns, host);
        if (addr.addresses().isEmpty()) {
            String why = addr.answer().failed() ? addr.answer().error() : "no address record";
            return new Result(invalid(id, null, "cannot resolve " + host + ": " + why), addr.answer().describe());
        }
        InetAddress target = addr.addresses().get(0);
        PolicyFetcher.Result fetched = fetcher.fetch(host, target);
        String detail = fetched.url() + " at " + target.getHostAddress();
        if (fetched.problem() != null) {
            return new Result(invalid(id, null, fetched.problem()), detail);
        }
        StsPolicy.Parsed parsed = StsPolicy.parse(fetched.text());
        StsPolicy p = parsed.policy();
        if (parsed.problem() != null) {
            return new Result(new MtaSts(MtaStsStatus.INVALID, p.mode(), id, p.maxAge(), p.mx(), parsed.problem()), detail);
        }
        if (mxHosts == null && !"none".equals(p.mode())) {
            return new Result(new MtaSts(MtaStsStatus.UNKNOWN, p.mode(), id, p.maxAge(), p.mx(),
                    "the policy parses, but the MX list is unknown, so whether it covers every MX was not checked"), detail);
        }
        if (mxHosts != null && !"none".equals(p.mode())) {
            List<String> unmatched = p.unmatched(mxHosts);
            if (!unmatched.isEmpty()) {
                return new Result(new MtaSts(MtaStsStatus.INVALID, p.mode(), id, p.maxAge(), p.mx(),
                        "MX " + String.join(", ", unmatched) + (unmatched.size() == 1 ? " matches" : " match")
                                + " no mx pattern of the policy"), detail);
            }
        }
        return new Result(new MtaSts(MtaStsStatus.VALID, p.mode(), id, p.maxAge(), p.mx(), null), detail);
    }

    private static MtaSts invalid(String id, String mode, String reason) {
        return new MtaSts(MtaStsStatus.INVALID, mode, id, null, null, reason);
    }
}
