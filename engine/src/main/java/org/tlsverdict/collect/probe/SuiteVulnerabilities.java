package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.VulnStatus;
import org.tlsverdict.facts.Vulnerability;

/**
 * The vulnerabilities testssl.sh decides from the protocols and suites alone (SWEET32, RC4, FREAK,
 * LOGJAM, BEAST, POODLE_SSL, LUCKY13, DROWN), decided the same way from the prober's own lists,
 * under the same names so a policy reads them alike. A finding is VULNERABLE when an accepted suite
 * shows it, NOT_VULNERABLE only when every version it concerns is known and fully enumerated, and
 * UNKNOWN otherwise.
 */
final class SuiteVulnerabilities {

    private static final Set<String> SMALL_BLOCK = Set.of("3DES_EDE_CBC", "DES_CBC", "DES40_CBC", "DES_CBC_40", "IDEA_CBC",
            "RC2_CBC_40", "RC2_56");
    private static final Set<TlsVersion> BELOW_TLS13 = EnumSet.of(TlsVersion.SSLv3, TlsVersion.TLSv1_0, TlsVersion.TLSv1_1,
            TlsVersion.TLSv1_2);

    private SuiteVulnerabilities() {
    }

    static List<Vulnerability> of(Map<TlsVersion, Support> protocols, Map<TlsVersion, List<CipherEntry>> ciphers,
                                  CipherRegistry registry) {
        Lists lists = new Lists(protocols, ciphers, registry);
        List<Vulnerability> out = new ArrayList<>();
        out.add(lists.judge("SWEET32", BELOW_TLS13, (s, e) -> SMALL_BLOCK.contains(s.cipher()), "64-bit block cipher"));
        out.add(lists.judge("RC4", BELOW_TLS13, (s, e) -> s.cipher().startsWith("RC4"), "RC4 suite"));
        out.add(lists.judge("FREAK", BELOW_TLS13, (s, e) -> s.export() && s.keyExchange().equals("RSA"), "RSA export suite"));
        // As testssl.sh: an export suite, or any DH group of 1024 bits or less (common primes are the worst case, not the only one).
        out.add(lists.judge("LOGJAM", BELOW_TLS13, (s, e) -> s.export() && s.keyExchange().startsWith("DH")
                || e.dhBits() != null && e.dhBits() <= 1024, "DH export suite or DH group of 1024 bits or less"));
        out.add(lists.judge("BEAST", EnumSet.of(TlsVersion.SSLv3, TlsVersion.TLSv1_0), (s, e) -> cbc(s), "CBC suite on SSLv3/TLS 1.0"));
        out.add(lists.judge("POODLE_SSL", EnumSet.of(TlsVersion.SSLv3), (s, e) -> cbc(s), "CBC suite on SSLv3"));
        out.add(lists.judge("LUCKY13", BELOW_TLS13, (s, e) -> cbc(s), "CBC suite"));
        Support sslv2 = protocols.get(TlsVersion.SSLv2);
        out.add(sslv2 == null || sslv2 == Support.UNKNOWN
                ? new Vulnerability("DROWN", VulnStatus.UNKNOWN, "SSLv2 support unknown", raw("protocols.SSLv2"))
                : new Vulnerability("DROWN", sslv2 == Support.OFFERED ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE,
                        sslv2 == Support.OFFERED ? "SSLv2 offered on this host and port" : "no SSLv2 on this host and port",
                        raw("protocols.SSLv2")));
        return out;
    }

    /** ROBOT concerns RSA key transport only; without it there is nothing to test. */
    static Optional<Vulnerability> robotNotApplicable(Map<TlsVersion, Support> protocols, Map<TlsVersion, List<CipherEntry>> ciphers,
                                                      CipherRegistry registry) {
        Vulnerability v = new Lists(protocols, ciphers, registry).judge("ROBOT", BELOW_TLS13,
                (s, e) -> s.keyExchange().equals("RSA"), "RSA key transport suite");
        return v.status() == VulnStatus.NOT_VULNERABLE ? Optional.of(v) : Optional.empty();
    }

    static boolean cbc(CipherSuite s) {
        return s.cipher().contains("_CBC");
    }

    private static Provenance raw(String how) {
        return new Provenance(FactsAssembler.COLLECTOR, null, how);
    }

    private interface SuiteTest {
        boolean test(CipherSuite suite, CipherEntry entry);
    }

    private record Lists(Map<TlsVersion, Support> protocols, Map<TlsVersion, List<CipherEntry>> ciphers, CipherRegistry registry) {

        Vulnerability judge(String name, Set<TlsVersion> versions, SuiteTest test, String what) {
            List<String> unknown = new ArrayList<>();
            for (TlsVersion v : versions) {
                Support s = protocols.get(v);
                if (s == null || s == Support.UNKNOWN) {
                    unknown.add(v.label());
                    continue;
                }
                if (s != Support.OFFERED) {
                    continue;
                }
                List<CipherEntry> list = ciphers.get(v);
                if (list == null) {
                    unknown.add(v.label() + " suites");
                    continue;
                }
                Predicate<CipherEntry> hit = e -> registry.resolve(e).map(cs -> test.test(cs, e)).orElse(false);
                Optional<CipherEntry> first = list.stream().filter(hit).findFirst();
                if (first.isPresent()) {
                    return new Vulnerability(name, VulnStatus.VULNERABLE, what + " " + first.get().iana() + " on " + v.label(),
                            raw("ciphers." + v.label()));
                }
            }
            if (!unknown.isEmpty()) {
                return new Vulnerability(name, VulnStatus.UNKNOWN, "not determined: " + String.join(", ", unknown) + " unknown",
                        raw("not determined"));
            }
            return new Vulnerability(name, VulnStatus.NOT_VULNERABLE, "no " + what, raw("every accepted suite below TLS 1.3"));
        }
    }
}
