package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.tlsverdict.facts.DnssecStatus;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Asks one resolver, and only that one, validating every answer itself with dnsjava's
 * ValidatingResolver from the configured trust anchor. The resolver's own AD bit is never
 * trusted: the status is what this client proved. Answers are cached for the run.
 */
public final class DnsClient {

    private final SimpleResolver head;
    private final ValidatingResolver resolver;
    private final String label;
    private final Map<String, DnsAnswer> cache = new ConcurrentHashMap<>();

    public DnsClient(InetSocketAddress server, InputStream trustAnchors, Duration timeout) throws IOException {
        this.head = new SimpleResolver(server);
        this.head.setTimeout(timeout);
        this.resolver = new ValidatingResolver(head);
        this.resolver.loadTrustAnchors(trustAnchors);
        this.resolver.setTimeout(timeout);
        this.resolver.setAddReasonToAdditional(true);
        this.label = "resolver " + server.getHostString() + ":" + server.getPort();
    }

    /** How answers are named in provenance, e.g. "resolver 127.0.0.1:5353". */
    public String label() {
        return label;
    }

    public DnsAnswer query(String name, int type) {
        String key = name.toLowerCase(Locale.ROOT) + "/" + type;
        return cache.computeIfAbsent(key, k -> ask(name, type));
    }

    private DnsAnswer ask(String name, int type) {
        String q = absolute(name) + " " + Type.string(type);
        Name qname;
        try {
            qname = Name.fromString(absolute(name));
        } catch (IOException | IllegalArgumentException e) {
            return new DnsAnswer(q, -1, DnssecStatus.UNKNOWN, null, "not a valid DNS name: " + e.getMessage());
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new DnsAnswer(q, -1, DnssecStatus.UNKNOWN, null,
                    (why.toLowerCase(Locale.ROOT).contains("timed out") ? "timed out" : "lookup failed") + " (" + why + ")");
        }
        DnsAnswer answer = classify(q, type, response);
        if (answer.dnssec() == DnssecStatus.BOGUS) {
            return confirmBogus(answer, qname, type);
        }
        return answer;
    }

    /**
     * The validator reports any SERVFAIL it receives as a validation failure. Asked again with
     * checking disabled (CD), a resolver that still fails was failing itself: that is unknown,
     * not bogus. Only data that arrives and does not validate is bogus.
     */
    private DnsAnswer confirmBogus(DnsAnswer bogus, Name qname, int type) {
        Message raw = unchecked(qname, type);
        if (raw == null) {
            return new DnsAnswer(bogus.query(), -1, DnssecStatus.UNKNOWN, null, "lookup failed (no answer with checking disabled)");
        }
        if (raw.getRcode() != Rcode.NOERROR && raw.getRcode() != Rcode.NXDOMAIN) {
            return new DnsAnswer(bogus.query(), raw.getRcode(), DnssecStatus.UNKNOWN, null, Rcode.string(raw.getRcode()));
        }
        return bogus;
    }

    private Message unchecked(Name qname, int type) {
        Message q = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        q.getHeader().setFlag(Flags.CD);
        try {
            return head.send(q);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Records of a type as the resolver gives them with checking disabled: not validated. Used only
     * to name the MX hosts of a domain whose MX answer is bogus, so their TLS can still be judged.
     */
    public List<Record> uncheckedRecords(String name, int type) {
        try {
            Message raw = unchecked(Name.fromString(absolute(name)), type);
            if (raw == null) {
                return List.of();
            }
            return raw.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static DnsAnswer classify(String q, int type, Message response) {
        int rcode = response.getRcode();
        String reason = validationReason(response);
        if (rcode == Rcode.SERVFAIL) {
            if (reason != null) {
                return new DnsAnswer(q, rcode, DnssecStatus.BOGUS, null, "DNSSEC bogus: " + brief(reason));
            }
            return new DnsAnswer(q, rcode, DnssecStatus.UNKNOWN, null, "SERVFAIL");
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new DnsAnswer(q, rcode, DnssecStatus.UNKNOWN, null, Rcode.string(rcode));
        }
        DnssecStatus status = response.getHeader().getFlag(Flags.AD) ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
        List<Record> records = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == type) {
                records.add(r);
            }
        }
        return new DnsAnswer(q, rcode, status, records, null);
    }

    /** The validator's reason for a failure: the extended DNS error, else its reason TXT record. */
    private static String validationReason(Message response) {
        OPTRecord opt = response.getOPT();
        if (opt != null) {
            for (EDNSOption o : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
                if (o instanceof ExtendedErrorCodeOption ede && isDnssecError(ede.getErrorCode())) {
                    return ede.getText() == null || ede.getText().isBlank()
                            ? "extended DNS error " + ede.getErrorCode() : ede.getText();
                }
            }
        }
        for (Record r : response.getSection(Section.ADDITIONAL)) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord txt) {
                return String.join("", txt.getStrings());
            }
        }
        return null;
    }

    /** The validator's reasons end with a dump of the record set; the first clause is the reason. */
    static String brief(String reason) {
        String r = reason.replaceAll(":? *\\{.*", "").replaceAll("\\s+", " ").trim();
        return r.length() > 200 ? r.substring(0, 200) + "..." : r;
    }

    /** RFC 8914 codes 1 to 12 are DNSSEC failures (unsupported algorithm, bogus, expired, missing keys ...). */
    static boolean isDnssecError(int code) {
        return code >= ExtendedErrorCodeOption.UNSUPPORTED_DNSKEY_ALGORITHM && code <= ExtendedErrorCodeOption.NSEC_MISSING
                && code != ExtendedErrorCodeOption.STALE_ANSWER && code != ExtendedErrorCodeOption.FORGED_ANSWER;
    }

    static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
