package org.tlsverdict.collect.dns;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tlsverdict.facts.DiscoveredService;
import org.tlsverdict.facts.DiscoverySource;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.MailService;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Transport;

/**
 * Finds the public mail endpoints of a domain the way mail clients and servers do, through the
 * collector's one resolver: MX hosts (port 25 or {@code --mx-port}; Null MX respected), the SRV
 * records of RFC 6186 and RFC 8314, the two Mozilla autoconfig URLs and, when given, an ISPDB.
 * Each endpoint keeps every source that named it; where sources name different endpoints for one
 * protocol, all are kept and the disagreement is a finding.
 */
public final class ProviderDiscovery {

    static final String AUTOCONFIG_PATH = "/mail/config-v1.1.xml";
    static final String WELL_KNOWN_PATH = "/.well-known/autoconfig/mail/config-v1.1.xml";
    /** Real autoconfig documents are a few kilobytes; the limit leaves room for large providers and refuses bombs. */
    static final int MAX_AUTOCONFIG_BYTES = 256 * 1024;
    static final HttpsFetcher.Document AUTOCONFIG = new HttpsFetcher.Document("autoconfig document",
            List.of("text/xml", "application/xml"), MAX_AUTOCONFIG_BYTES);

    private final DnsClient dns;
    private final HttpsFetcher https;
    private final int httpsPort;
    private final int mxPort;
    private final URI ispdb;

    /** {@code ispdb} null: the ISPDB is not asked (it is a third party, so only on request). */
    public ProviderDiscovery(DomainCollector collector, DomainSettings options, URI ispdb) {
        this.dns = collector.dns();
        this.https = new HttpsFetcher(collector.trust(), options.connectTimeoutMillis());
        this.httpsPort = options.httpsPort;
        this.mxPort = options.mxPort;
        this.ispdb = ispdb;
    }

    /** Checks an {@code --ispdb} URL: https, a host, no query; the domain is appended to its path. */
    public static URI ispdbUri(String text) {
        URI u = URI.create(text.trim());
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getRawQuery() != null) {
            throw new IllegalArgumentException("--ispdb must be an https URL without query, e.g. https://autoconfig.thunderbird.net/v1.1/");
        }
        return u;
    }

    public Discovery discover(String domainName) {
        String domain = DomainFacts.normalize(domainName);
        ServiceMerge found = new ServiceMerge();
        Map<String, Provenance> notes = new TreeMap<>();
        List<String> findings = new ArrayList<>();

        MxLookup.Result mx = MxLookup.lookup(dns, domain);
        notes.put("discovery.mx", raw(mx.answer().describe()));
        if (mx.mx() == null) {
            findings.add(domain + ": MX lookup failed: " + mx.answer().error());
        } else if (mx.nullMx() && mx.mx().isEmpty()) {
            findings.add(domain + ": Null MX (RFC 7505): the domain accepts no mail, no MX endpoint to scan");
        } else if (mx.mx().isEmpty()) {
            findings.add(domain + ": no MX records; the domain's own address is the implicit MX (RFC 5321 section 5.1),"
                    + " not a published choice, and is not scanned");
        }
        if (mx.mx() != null) {
            for (MxLookup.Mx m : mx.mx()) {
                found.add(MailService.SMTP, m.host(), mxPort, Transport.STARTTLS, DiscoverySource.MX);
            }
        }

        for (SrvLookup.Result r : SrvLookup.lookup(dns, domain)) {
            String owner = SrvLookup.owner(r.service(), domain);
            notes.put("discovery.srv." + r.service(), raw(r.answer().describe()));
            if (r.failed()) {
                findings.add(owner + " SRV: " + r.answer().error());
            } else if (r.notOffered()) {
                findings.add(owner + " SRV: target \".\": " + r.service() + " is not offered (RFC 2782)");
            }
            for (SrvLookup.Srv s : r.records()) {
                found.add(r.service(), s.target(), s.port(), r.service().transport(), DiscoverySource.SRV);
                if (r.answer().dnssec() != DnssecStatus.SECURE && !inside(s.target(), domain)) {
                    findings.add(owner + " SRV: target " + s.target() + " is outside " + domain + " and the answer is not"
                            + " DNSSEC-validated (RFC 6186 section 6: a client should confirm it with the user)");
                }
            }
        }

        autoconfig("autoconfig." + domain, AUTOCONFIG_PATH + "?emailaddress=postmaster%40" + domain, httpsPort,
                domain, DiscoverySource.AUTOCONFIG, "discovery.autoconfig.provider", found, notes, findings);
        autoconfig(domain, WELL_KNOWN_PATH, httpsPort, domain, DiscoverySource.AUTOCONFIG, "discovery.autoconfig.wellKnown",
                found, notes, findings);
        if (ispdb != null) {
            int port = ispdb.getPort() > 0 ? ispdb.getPort() : 443;
            String path = (ispdb.getRawPath() == null || ispdb.getRawPath().isEmpty() ? "/" : ispdb.getRawPath());
            autoconfig(ispdb.getHost().toLowerCase(Locale.ROOT), (path.endsWith("/") ? path : path + "/") + domain, port,
                    domain, DiscoverySource.ISPDB, "discovery.ispdb", found, notes, findings);
        }

        findings.addAll(found.disagreements(domain));
        found.conflicts().forEach(c -> findings.add(domain + ": " + c));
        // Kept in the facts too, so a facts file alone shows what the sources said and where they disagree.
        for (int i = 0; i < findings.size(); i++) {
            notes.put(String.format(Locale.ROOT, "discovery.finding.%02d", i + 1), raw(findings.get(i)));
        }
        List<Discovery.Located> located = new ArrayList<>();
        for (DiscoveredService s : found.services()) {
            AddressLookup.Result addr = AddressLookup.lookup(dns, s.host());
            if (addr.addresses().isEmpty()) {
                String why = addr.answer().failed() ? addr.answer().error() : "no address record";
                located.add(new Discovery.Located(s, null, "cannot resolve " + s.host() + ": " + why));
            } else {
                located.add(new Discovery.Located(s, addr.addresses().get(0).getHostAddress(), null));
            }
        }
        return new Discovery(domain, located, notes, findings);
    }

    private void autoconfig(String host, String pathAndQuery, int port, String domain, DiscoverySource source, String key,
                            ServiceMerge found, Map<String, Provenance> notes, List<String> findings) {
        String url = "https://" + host + (port == 443 ? "" : ":" + port) + pathAndQuery;
        AddressLookup.Result addr = AddressLookup.lookup(dns, host);
        if (addr.addresses().isEmpty()) {
            String why = addr.answer().failed() ? addr.answer().error() : "no address record";
            notes.put(key, raw(url + ": cannot resolve " + host + ": " + why));
            return;
        }
        InetAddress target = addr.addresses().get(0);
        HttpsFetcher.Result r = https.fetch(host, target, port, pathAndQuery, AUTOCONFIG);
        String where = url + " at " + target.getHostAddress();
        if (r.problem() != null) {
            notes.put(key, raw(where + ": " + r.problem()));
            // Nothing published is common (404, no server); anything else is worth a line.
            if (!r.problem().startsWith("HTTP 404") && !r.problem().contains("Connection refused")) {
                findings.add(url + ": " + r.problem());
            }
            return;
        }
        try {
            AutoconfigDocument.Parsed parsed = AutoconfigDocument.parse(r.text(), domain);
            notes.put(key, raw(where + ": " + parsed.servers().size() + " server(s)"));
            for (AutoconfigDocument.Server s : parsed.servers()) {
                found.add(s.service(), s.host(), s.port(), s.service().transport(), source);
                if (s.plain()) {
                    findings.add(url + ": tells clients to use " + s.host() + ":" + s.port() + " (" + s.service().family()
                            + ") with socketType plain, without TLS");
                }
            }
            parsed.skipped().forEach(line -> findings.add(url + ": skipped " + line));
        } catch (java.io.IOException e) {
            notes.put(key, raw(where + ": " + e.getMessage()));
            findings.add(url + ": " + e.getMessage());
        }
    }

    private static boolean inside(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    private Provenance raw(String detail) {
        return new Provenance(DomainCollector.COLLECTOR, dns.label(), detail);
    }
}
