package org.tlsverdict.collect.dns;

import org.tlsverdict.facts.TlsRpt;
import org.tlsverdict.facts.TlsRptStatus;
import org.xbill.DNS.Type;

/** TLS-RPT of a domain (RFC 8460 section 3): the {@code _smtp._tls} TXT record. */
final class TlsRptCheck {

    record Result(TlsRpt facts, String detail) {
    }

    private TlsRptCheck() {
    }

    static Result check(DnsClient dns, String domain) {
        DnsAnswer txt = dns.query("_smtp._tls." + domain, Type.TXT);
        if (txt.failed()) {
            return new Result(new TlsRpt(TlsRptStatus.UNKNOWN, null, txt.describe()), txt.describe());
        }
        TlsRptRecord.Parsed parsed = TlsRptRecord.parse(TxtFields.texts(txt.records()));
        if (!parsed.present()) {
            return new Result(new TlsRpt(TlsRptStatus.ABSENT, null, null), txt.describe());
        }
        if (parsed.problem() != null) {
            return new Result(new TlsRpt(TlsRptStatus.INVALID, null, parsed.problem()), txt.describe());
        }
        return new Result(new TlsRpt(TlsRptStatus.PRESENT, parsed.record().rua(), null), txt.describe());
    }
}
