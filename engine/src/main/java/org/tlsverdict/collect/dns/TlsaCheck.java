package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.Tlsa;
import org.tlsverdict.facts.TlsaRecord;
import org.tlsverdict.facts.TlsaStatus;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;

/**
 * TLSA at {@code _<port>._tcp.<mx>} judged against the presented chain (RFC 7672): records in an
 * insecure zone, or only unusable ones, are "unusable"; a bogus answer is unusable too, since
 * RFC 7672 section 2.2 has senders defer delivery then.
 */
final class TlsaCheck {

    private TlsaCheck() {
    }

    static String owner(String host, int port) {
        return "_" + port + "._tcp." + host;
    }

    /** {@code chain} null: no chain could be captured, {@code chainProblem} says why. */
    static Tlsa check(DnsAnswer answer, String host, List<byte[]> chain, String chainProblem) {
        if (answer.dnssec() == DnssecStatus.BOGUS) {
            return new Tlsa(TlsaStatus.UNUSABLE, null, null, "TLSA answer is " + answer.error());
        }
        if (answer.failed()) {
            return new Tlsa(TlsaStatus.UNKNOWN, null, null, "TLSA lookup: " + answer.error());
        }
        if (answer.empty()) {
            return new Tlsa(TlsaStatus.ABSENT, List.of(), null, null);
        }
        List<TlsaRecord> records = new ArrayList<>();
        for (Record r : answer.records()) {
            TLSARecord t = (TLSARecord) r;
            records.add(new TlsaRecord(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
                    HexFormat.of().formatHex(t.getCertificateAssociationData())));
        }
        if (answer.dnssec() != DnssecStatus.SECURE) {
            return new Tlsa(TlsaStatus.UNUSABLE, records, null, "the TLSA records are not DNSSEC-signed (zone " + answer.dnssec() + ")");
        }
        List<String> unusable = records.stream().map(TlsaMatcher::unusableBecause).filter(w -> w != null).distinct().toList();
        if (records.stream().allMatch(r -> TlsaMatcher.unusableBecause(r) != null)) {
            return new Tlsa(TlsaStatus.UNUSABLE, records, null, "no usable record: " + String.join("; ", unusable));
        }
        if (chain == null || chain.isEmpty()) {
            return new Tlsa(TlsaStatus.UNKNOWN, records, null,
                    "no chain to match: " + (chainProblem == null ? "the MX presented no certificate" : chainProblem));
        }
        Optional<TlsaRecord> match = TlsaMatcher.match(records, chain, host);
        return match.map(r -> new Tlsa(TlsaStatus.MATCH, records, r, null))
                .orElseGet(() -> new Tlsa(TlsaStatus.MISMATCH, records, null, "no usable record matches the presented chain"));
    }
}
