package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Transport;
import org.tlsverdict.facts.VulnStatus;
import org.tlsverdict.facts.Vulnerability;

class CollectAdviceTest {

    private static EndpointFacts facts(String collector, Map<TlsVersion, Support> protocols, List<Vulnerability> vulns) {
        return new EndpointFacts(new Endpoint("mx.example", null, 587, Service.SUBMISSION, Transport.STARTTLS),
                new Provenance(collector, "scan", null), protocols, null, null, null, vulns, null);
    }

    private static Map<TlsVersion, Support> allButSslv2() {
        Map<TlsVersion, Support> p = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            p.put(v, v == TlsVersion.TLSv1_3 ? Support.OFFERED : Support.NOT_OFFERED);
        }
        p.remove(TlsVersion.SSLv2);
        return p;
    }

    @Test
    void missingListsAbsentAreasAndItems() {
        List<CollectAdvice.Missing> m = CollectAdvice.missing(
                facts("nmap-text", allButSslv2(), List.of(new Vulnerability("HEARTBLEED", VulnStatus.UNKNOWN, null, null))), false);
        assertThat(m).containsExactly(
                new CollectAdvice.Missing(CollectAdvice.Source.PROTOCOLS, "SSLv2"),
                new CollectAdvice.Missing(CollectAdvice.Source.CIPHERS, null),
                new CollectAdvice.Missing(CollectAdvice.Source.SERVER_PREFERENCE, null),
                new CollectAdvice.Missing(CollectAdvice.Source.CERTIFICATES, null),
                new CollectAdvice.Missing(CollectAdvice.Source.VULNERABILITIES, "HEARTBLEED"),
                new CollectAdvice.Missing(CollectAdvice.Source.DOMAINS, null));
        assertThat(CollectAdvice.missing(facts("testssl", allButSslv2(), List.of()), true))
                .doesNotContain(new CollectAdvice.Missing(CollectAdvice.Source.DOMAINS, null))
                .noneMatch(x -> x.source() == CollectAdvice.Source.VULNERABILITIES);
    }

    @Test
    void hintsDependOnTheCollector() {
        List<CollectAdvice.Missing> sslv2 = List.of(new CollectAdvice.Missing(CollectAdvice.Source.PROTOCOLS, "SSLv2"));
        assertThat(CollectAdvice.hints(sslv2, "nmap-text (transcribed by hand)")).singleElement()
                .satisfies(h -> assertThat(h.describe()).contains("SSLv2").contains("never tested by nmap").contains("tlsverdict scan"));
        assertThat(CollectAdvice.hints(sslv2, "testssl")).singleElement()
                .satisfies(h -> assertThat(h.how()).doesNotContain("nmap").contains("testssl.sh `-p`"));
        assertThat(CollectAdvice.hints(List.of(new CollectAdvice.Missing(CollectAdvice.Source.DOMAINS, null)), "native"))
                .singleElement().satisfies(h -> assertThat(h.how()).contains("scan --domain"));
    }

    @Test
    void readsComesFromTheFactTypesARuleNames() {
        assertThat(CollectAdvice.reads("rule \"x\" when $p : ProtocolFact( version == TlsVersion.SSLv2 ) then end"))
                .containsExactly(CollectAdvice.Source.PROTOCOLS);
        assertThat(CollectAdvice.reads("rule \"x\" when not DomainFact() not Collected( area == Area.CERTIFICATES ) then end"))
                .containsExactlyInAnyOrder(CollectAdvice.Source.DOMAINS, CollectAdvice.Source.CERTIFICATES);
        assertThat(CollectAdvice.reads("rule \"x\" when Classified( label == \"ncsc:x\" ) then end"))
                .contains(CollectAdvice.Source.PROTOCOLS, CollectAdvice.Source.CIPHERS, CollectAdvice.Source.CERTIFICATES)
                .doesNotContain(CollectAdvice.Source.DOMAINS);
    }
}
