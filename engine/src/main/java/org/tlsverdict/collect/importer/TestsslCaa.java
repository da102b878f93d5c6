package org.tlsverdict.collect.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.facts.Caa;
import org.tlsverdict.facts.CaaRecord;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.Provenance;

/**
 * testssl.sh's {@code DNS_CAArecord} finding as mail-domain facts. testssl.sh climbs the tree from
 * the scanned host name (RFC 8659) and reports the first record set it finds as
 * {@code tag=value, tag=value} (severity OK), {@code --} when none applies (LOW), or a note when
 * it skipped DNS (INFO). It reports neither the flags nor the name the set was found at, so records
 * get flags 0 and no name. The result is a domain named after the host with only CAA known: the
 * MX list, DNSSEC, MTA-STS and TLS-RPT stay "not collected".
 */
final class TestsslCaa {

    static final String ID = "DNS_CAArecord";
    private static final Pattern ITEM = Pattern.compile("^([A-Za-z0-9]+)=(.*)$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private TestsslCaa() {
    }

    /**
     * The domain facts for {@code host} from a {@code DNS_CAArecord} finding; empty when the host
     * is an address (CAA is about names) or the name is not usable.
     */
    static Optional<DomainFacts> of(String host, String severity, String finding, String raw, String label) {
        if (host == null || host.isBlank() || host.contains(":") || IPV4.matcher(host).matches() || host.contains(" ")) {
            return Optional.empty();
        }
        Caa caa = parse(severity, finding);
        Provenance source = new Provenance("testssl", label, null);
        return Optional.of(new DomainFacts(host, source, null, null, null, null, null, caa,
                Map.of("caa", new Provenance("testssl", label, raw))));
    }

    /** Records for OK, none for "--", unknown for skipped checks, scanner problems and text it cannot read. */
    static Caa parse(String severity, String finding) {
        String text = finding == null ? "" : finding.trim();
        if (severity.equals("WARN") || severity.equals("FATAL") || severity.equals("INFO")) {
            return Caa.UNKNOWN;
        }
        if (text.equals("--")) {
            return new Caa(List.of());
        }
        if (!severity.equals("OK") || text.isEmpty()) {
            return Caa.UNKNOWN;
        }
        List<CaaRecord> records = new ArrayList<>();
        for (String item : text.split(",\\s*")) {
            Matcher m = ITEM.matcher(item.trim());
            if (!m.matches()) {
                return Caa.UNKNOWN;
            }
            records.add(new CaaRecord(null, 0, m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2).trim()));
        }
        return new Caa(records);
    }
}
