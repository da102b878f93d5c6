package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything known about one mail domain: DNSSEC of the domain (its MX answer), the MX hosts
 * ({@code mx} null: not collected; empty: no MX records), whether the domain publishes a Null MX
 * (RFC 7505), MTA-STS, TLS-RPT and CAA. Every omitted area reads as unknown. {@code source} is the
 * default provenance of the domain's facts; {@code provenance} refines it per fact, keyed like
 * "dnssec", "mx", "mtaSts", "tlsRpt", "caa", "mx.<host>.tlsa" or "mx.<host>.caa".
 *
 * <p>{@code services} (added with {@code check}) lists every mail endpoint the domain publishes
 * through MX, SRV, autoconfig or the ISPDB, each with its sources; null means discovery did not run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"domain", "source", "dnssec", "nullMx", "mx", "services", "mtaSts", "tlsRpt", "caa", "provenance"})
public record DomainFacts(String domain, Provenance source, DnssecStatus dnssec, Boolean nullMx, List<MxHost> mx,
                          MtaSts mtaSts, TlsRpt tlsRpt, Caa caa, Map<String, Provenance> provenance,
                          List<DiscoveredService> services) {

    /** The shape before discovery: services not collected. */
    public DomainFacts(String domain, Provenance source, DnssecStatus dnssec, Boolean nullMx, List<MxHost> mx,
                       MtaSts mtaSts, TlsRpt tlsRpt, Caa caa, Map<String, Provenance> provenance) {
        this(domain, source, dnssec, nullMx, mx, mtaSts, tlsRpt, caa, provenance, null);
    }

    public DomainFacts {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain is missing");
        }
        domain = normalize(domain);
        dnssec = dnssec == null ? DnssecStatus.UNKNOWN : dnssec;
        mx = mx == null ? null : List.copyOf(mx);
        mtaSts = mtaSts == null ? MtaSts.NOT_COLLECTED : mtaSts;
        tlsRpt = tlsRpt == null ? TlsRpt.NOT_COLLECTED : tlsRpt;
        caa = caa == null ? Caa.UNKNOWN : caa;
        provenance = provenance == null ? null : Collections.unmodifiableMap(new TreeMap<>(provenance));
        services = services == null ? null : List.copyOf(services);
    }

    /** Lower case, without the trailing dot: how names are compared. */
    public static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
    }

    /** Whether {@code host} is one of this domain's MX hosts. */
    public boolean hasMx(String host) {
        return mx != null && mx.stream().anyMatch(m -> m.isHost(host));
    }

    /** Provenance of one fact: the specific entry if present, else the domain's source. */
    public Provenance provenanceOf(String key) {
        Provenance specific = provenance == null ? null : provenance.get(key);
        Provenance fallback = source == null ? new Provenance("unknown", null, null) : source;
        if (specific == null) {
            return fallback.raw() == null ? new Provenance(fallback.collector(), fallback.source(), key) : fallback;
        }
        return specific.merge(new Provenance(fallback.collector(), fallback.source(), null));
    }

    public DomainFacts withSource(Provenance newSource) {
        return new DomainFacts(domain, newSource, dnssec, nullMx, mx, mtaSts, tlsRpt, caa, provenance, services);
    }

    /** These facts with the services discovery found and its notes added to the provenance. */
    public DomainFacts withServices(List<DiscoveredService> found, Map<String, Provenance> notes) {
        Map<String, Provenance> merged = new TreeMap<>(provenance == null ? Map.of() : provenance);
        merged.putAll(notes);
        return new DomainFacts(domain, source, dnssec, nullMx, mx, mtaSts, tlsRpt, caa, merged, found);
    }
}
