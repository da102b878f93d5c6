package org.tlsverdict.collect.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.X509TrustManager;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.MxHost;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Tlsa;
import org.tlsverdict.facts.TlsaStatus;
import org.xbill.DNS.Type;

/**
 * Collects the facts of one mail domain: MX (Null MX included), DNSSEC of the domain and each MX
 * name, TLSA of each MX against the chain it presents, MTA-STS, TLS-RPT and CAA. Every name is
 * resolved through the one resolver of the options; a lookup that fails leaves its fact unknown
 * with the reason, and the other facts are still collected.
 */
public final class DomainCollector {

    public static final String COLLECTOR = "tlsverdict-dns";

    private final DnsClient dns;
    private final MxCertificateSource certificates;
    private final PolicyFetcher fetcher;
    private final int mxPort;
    private final X509TrustManager trust;

    public DomainCollector(DnsClient dns, MxCertificateSource certificates, X509TrustManager trust, DomainSettings options) {
        this.dns = dns;
        this.trust = trust;
        this.certificates = certificates;
        this.fetcher = new PolicyFetcher(trust, options.connectTimeoutMillis(), options.httpsPort);
        this.mxPort = options.mxPort;
    }

    /** A collector from the settings alone: the STARTTLS capture, the given or root trust anchor, the given or system CAs. */
    public static DomainCollector fromSettings(DomainSettings options) throws IOException {
        return fromSettings(options, new StarttlsChainCapture(options.connectTimeoutMillis()));
    }

    /** A collector from the settings that gets MX chains from {@code certificates} (e.g. {@link ScannedMx}). */
    public static DomainCollector fromSettings(DomainSettings options, MxCertificateSource certificates) throws IOException {
        byte[] anchors = options.trustAnchor == null ? TrustAnchors.root() : TrustAnchors.read(options.trustAnchor);
        DnsClient dns = new DnsClient(options.resolverAddress(), new ByteArrayInputStream(anchors), options.dnsTimeout());
        return new DomainCollector(dns, certificates, TrustStores.trustManager(options.ca), options);
    }

    /** The one resolver of this collector; provider discovery asks it too, so both see the same answers. */
    DnsClient dns() {
        return dns;
    }

    X509TrustManager trust() {
        return trust;
    }

    /** The facts of one domain. */
    public DomainFacts collect(String domain) {
        return scan(domain).facts();
    }

    /** The facts of one domain and the chains its MX hosts presented. */
    public DomainScan scan(String domainName) {
        long start = System.nanoTime();
        String domain = DomainFacts.normalize(domainName);
        Map<String, Provenance> prov = new TreeMap<>();
        MxLookup.Result mx = MxLookup.lookup(dns, domain);
        prov.put("dnssec", raw(mx.answer().describe()));
        prov.put("mx", raw(mx.mx() != null && mx.problem() != null ? mx.problem() : mx.answer().describe()));
        List<MxHost> hosts = null;
        List<DomainScan.MxChain> chains = new ArrayList<>();
        if (mx.mx() != null) {
            hosts = new ArrayList<>();
            for (MxLookup.Mx m : mx.mx()) {
                hosts.add(mxHost(m, prov, chains));
            }
        }
        MtaStsCheck.Result sts = MtaStsCheck.check(dns, fetcher, domain,
                mx.mx() == null ? null : mx.mx().stream().map(MxLookup.Mx::host).toList());
        prov.put("mtaSts", raw(sts.detail()));
        TlsRptCheck.Result rpt = TlsRptCheck.check(dns, domain);
        prov.put("tlsRpt", raw(rpt.detail()));
        CaaLookup.Result caa = CaaLookup.lookup(dns, domain);
        prov.put("caa", raw(caa.detail()));
        DnssecStatus dnssec = mx.answer().dnssec();
        DomainFacts facts = new DomainFacts(domain, new Provenance(COLLECTOR, dns.label(), null), dnssec, mx.nullMx(),
                hosts, sts.facts(), rpt.facts(), caa.caa(), prov);
        return new DomainScan(facts, chains, (System.nanoTime() - start) / 1_000_000);
    }

    private MxHost mxHost(MxLookup.Mx m, Map<String, Provenance> prov, List<DomainScan.MxChain> chains) {
        String key = "mx." + m.host();
        AddressLookup.Result addr = AddressLookup.lookup(dns, m.host());
        prov.put(key + ".dnssec", raw(addr.answer().describe()));
        List<byte[]> chain = null;
        String chainProblem = null;
        InetAddress target = addr.addresses().isEmpty() ? null : addr.addresses().get(0);
        if (target == null) {
            chainProblem = "cannot resolve " + m.host() + ": "
                    + (addr.answer().failed() ? addr.answer().error() : "no address record");
        } else {
            try {
                chain = certificates.presentedChain(m.host(), target, mxPort);
            } catch (IOException e) {
                chainProblem = e.getMessage();
            }
        }
        chains.add(new DomainScan.MxChain(m.host(), target == null ? null : target.getHostAddress(), mxPort, chain, chainProblem));
        DnsAnswer tlsaAnswer = dns.query(TlsaCheck.owner(m.host(), mxPort), Type.TLSA);
        Tlsa tlsa = TlsaCheck.check(tlsaAnswer, m.host(), chain, chainProblem);
        prov.put(key + ".tlsa", raw(tlsaAnswer.describe() + (tlsa.status() == TlsaStatus.MATCH ? ", matched "
                + tlsa.matched() : "")));
        CaaLookup.Result caa = CaaLookup.lookup(dns, m.host());
        prov.put(key + ".caa", raw(caa.detail()));
        List<String> addresses = addr.addresses().stream().map(InetAddress::getHostAddress).toList();
        return new MxHost(m.host(), m.preference(), addresses, addr.answer().dnssec(), tlsa, caa.caa());
    }

    private Provenance raw(String detail) {
        return new Provenance(COLLECTOR, dns.label(), detail);
    }
}
