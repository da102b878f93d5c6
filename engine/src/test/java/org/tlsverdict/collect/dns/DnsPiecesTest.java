package org.tlsverdict.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.DnssecStatus;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Answer classification, trust-anchor and resolver-option parsing, without servers. */
class DnsPiecesTest {

    private static Message response(int rcode, boolean ad) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString("mx.example.test."), Type.A, DClass.IN));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        if (ad) {
            m.getHeader().setFlag(Flags.AD);
        }
        return m;
    }

    @Test
    void classifiesSecureInsecureBogusAndFailures() throws Exception {
        Message secure = response(Rcode.NOERROR, true);
        secure.addRecord(new ARecord(Name.fromString("mx.example.test."), DClass.IN, 60, java.net.InetAddress.getByName("127.0.0.1")), Section.ANSWER);
        DnsAnswer s = DnsClient.classify("q", Type.A, secure);
        assertThat(s.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(s.records()).hasSize(1);
        assertThat(DnsClient.classify("q", Type.A, response(Rcode.NXDOMAIN, false)))
                .satisfies(a -> assertThat(a.dnssec()).isEqualTo(DnssecStatus.INSECURE))
                .satisfies(a -> assertThat(a.empty()).isTrue());
        Message bogus = response(Rcode.SERVFAIL, false);
        bogus.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.DNSSEC_BOGUS, "bad signature"))), Section.ADDITIONAL);
        DnsAnswer b = DnsClient.classify("q", Type.A, bogus);
        assertThat(b.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(b.error()).contains("bad signature");
        DnsAnswer servfail = DnsClient.classify("q", Type.A, response(Rcode.SERVFAIL, false));
        assertThat(servfail.dnssec()).isEqualTo(DnssecStatus.UNKNOWN);
        assertThat(servfail.error()).isEqualTo("SERVFAIL");
        assertThat(DnsClient.classify("q", Type.A, response(Rcode.REFUSED, false)).error()).isEqualTo("REFUSED");
    }

    @Test
    void trustAnchorsMustBeDsOrDnskey() throws Exception {
        TrustAnchors.check(TrustAnchors.root(), "root");
        TrustAnchors.check("test. 3600 IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n"
                .getBytes(StandardCharsets.US_ASCII), "ta");
        assertThatThrownBy(() -> TrustAnchors.check("test. 3600 IN A 127.0.0.1\n".getBytes(StandardCharsets.US_ASCII), "ta.txt"))
                .hasMessage("ta.txt: trust anchor records must be DS or DNSKEY, found A for test.");
        assertThatThrownBy(() -> TrustAnchors.check("; nothing\n".getBytes(StandardCharsets.US_ASCII), "ta.txt"))
                .hasMessageContaining("no DS or DNSKEY");
        assertThatThrownBy(() -> TrustAnchors.check("test. IN DS zz\n".getBytes(StandardCharsets.US_ASCII), "ta.txt"))
                .hasMessageStartingWith("ta.txt: not a trust anchor");
    }

    @Test
    void resolverMustBeAnAddress() throws Exception {
        DomainSettings o = new DomainSettings();
        o.resolver = "127.0.0.1:5353";
        assertThat(o.resolverAddress().getPort()).isEqualTo(5353);
        o.resolver = "[::1]:53";
        assertThat(o.resolverAddress().getAddress().isLoopbackAddress()).isTrue();
        o.resolver = "127.0.0.1";
        assertThat(o.resolverAddress().getPort()).isEqualTo(53);
        o.resolver = "localhost:53";
        assertThatThrownBy(o::resolverAddress).hasMessageContaining("give an IP address");
        o.resolver = "127.0.0.1:99999";
        assertThatThrownBy(o::resolverAddress).hasMessageContaining("bad port");
    }
}
