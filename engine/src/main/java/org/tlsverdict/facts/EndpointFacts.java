package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything known about one endpoint, as a facts file holds it. A null area means "not collected";
 * an empty one means "collected, nothing found". {@code source} is the default provenance of every
 * fact of the endpoint; {@code provenance} refines it per fact, keyed like "protocols.TLSv1.2" or
 * "serverPreference.TLSv1.2".
 *
 * <p>{@code groups} (named groups the server accepts per version, in the order it picked them) and
 * {@code features} (renegotiation, compression, EMS, fallback SCSV) were added later; both are
 * optional, so files without them read as before and mean "not collected". So is
 * {@code versionNotStated}: suites and groups a scanner saw accepted without naming the version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"endpoint", "source", "protocols", "ciphers", "serverPreference", "groups", "features", "certificates",
        "vulnerabilities", "versionNotStated", "provenance"})
public record EndpointFacts(Endpoint endpoint,
                            Provenance source,
                            Map<TlsVersion, Support> protocols,
                            Map<TlsVersion, List<CipherEntry>> ciphers,
                            Map<TlsVersion, Preference> serverPreference,
                            List<Certificate> certificates,
                            List<Vulnerability> vulnerabilities,
                            Map<String, Provenance> provenance,
                            Map<TlsVersion, List<String>> groups,
                            TlsFeatures features,
                            VersionNotStated versionNotStated) {

    /** Without suites or groups of an unstated version. */
    public EndpointFacts(Endpoint endpoint, Provenance source, Map<TlsVersion, Support> protocols,
                         Map<TlsVersion, List<CipherEntry>> ciphers, Map<TlsVersion, Preference> serverPreference,
                         List<Certificate> certificates, List<Vulnerability> vulnerabilities,
                         Map<String, Provenance> provenance, Map<TlsVersion, List<String>> groups, TlsFeatures features) {
        this(endpoint, source, protocols, ciphers, serverPreference, certificates, vulnerabilities, provenance, groups, features, null);
    }

    /** The original eight-area shape; groups and features not collected. */
    public EndpointFacts(Endpoint endpoint, Provenance source, Map<TlsVersion, Support> protocols,
                         Map<TlsVersion, List<CipherEntry>> ciphers, Map<TlsVersion, Preference> serverPreference,
                         List<Certificate> certificates, List<Vulnerability> vulnerabilities,
                         Map<String, Provenance> provenance) {
        this(endpoint, source, protocols, ciphers, serverPreference, certificates, vulnerabilities, provenance, null, null);
    }

    public EndpointFacts {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint is missing");
        }
        protocols = protocols == null ? null : Collections.unmodifiableMap(new EnumMap<>(nonEmpty(protocols)));
        if (ciphers != null) {
            Map<TlsVersion, List<CipherEntry>> copy = new EnumMap<>(TlsVersion.class);
            ciphers.forEach((v, list) -> copy.put(v, list == null ? List.of() : List.copyOf(list)));
            ciphers = Collections.unmodifiableMap(copy);
        }
        serverPreference = serverPreference == null ? null : Collections.unmodifiableMap(new EnumMap<>(nonEmpty(serverPreference)));
        certificates = certificates == null ? null : List.copyOf(certificates);
        vulnerabilities = vulnerabilities == null ? null : List.copyOf(vulnerabilities);
        provenance = provenance == null ? null : Collections.unmodifiableMap(new TreeMap<>(provenance));
        if (groups != null) {
            Map<TlsVersion, List<String>> copy = new EnumMap<>(TlsVersion.class);
            groups.forEach((v, list) -> copy.put(v, list == null ? List.of() : List.copyOf(list)));
            groups = Collections.unmodifiableMap(copy);
        }
        features = features == null || features.isEmpty() ? null : features;
        versionNotStated = versionNotStated == null || versionNotStated.isEmpty() ? null : versionNotStated;
    }

    private static <V> Map<TlsVersion, V> nonEmpty(Map<TlsVersion, V> map) {
        return map.isEmpty() ? new EnumMap<>(TlsVersion.class) : map;
    }

    /** Provenance of one fact: the specific entry if present, else the endpoint's source. */
    public Provenance provenanceOf(String key) {
        Provenance specific = provenance == null ? null : provenance.get(key);
        Provenance fallback = source == null ? new Provenance("unknown", null, null) : source;
        if (specific == null) {
            return fallback.raw() == null ? new Provenance(fallback.collector(), fallback.source(), key) : fallback;
        }
        return new Provenance(specific.collector() != null ? specific.collector() : fallback.collector(),
                specific.source() != null ? specific.source() : fallback.source(), specific.raw());
    }

    public EndpointFacts withSource(Provenance newSource) {
        return new EndpointFacts(endpoint, newSource, protocols, ciphers, serverPreference, certificates, vulnerabilities, provenance,
                groups, features, versionNotStated);
    }
}
