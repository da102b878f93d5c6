package org.tlsverdict.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.DiscoveredService;
import org.tlsverdict.facts.DiscoverySource;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.MailService;
import org.tlsverdict.facts.Transport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;

/** SRV answers (order, "." targets) and the merge of sources, without a resolver. */
class DiscoveryPiecesTest {

    static Record srv(int priority, int weight, int port, String target) throws Exception {
        return new SRVRecord(Name.fromString("_imaps._tcp.example.test."), DClass.IN, 300, priority, weight, port, Name.fromString(target));
    }

    static DnsAnswer answer(Record... records) {
        return new DnsAnswer("_imaps._tcp.example.test. SRV", 0, DnssecStatus.SECURE, List.of(records), null);
    }

    @Test
    void srvRecordsKeepPriorityThenWeightOrderAndAnyPort() throws Exception {
        SrvLookup.Result r = SrvLookup.of(MailService.IMAPS, answer(srv(20, 5, 993, "c.example.test."),
                srv(10, 1, 10993, "b.example.test."), srv(10, 60, 993, "a.example.test.")));
        assertThat(r.records()).extracting(SrvLookup.Srv::target).containsExactly("a.example.test", "b.example.test", "c.example.test");
        assertThat(r.records()).extracting(SrvLookup.Srv::port).containsExactly(993, 10993, 993);
        assertThat(r.notOffered()).isFalse();
    }

    @Test
    void aDotTargetMeansNotOffered() throws Exception {
        SrvLookup.Result r = SrvLookup.of(MailService.IMAPS, answer(srv(0, 0, 0, ".")));
        assertThat(r.notOffered()).isTrue();
        assertThat(r.records()).isEmpty();
        SrvLookup.Result none = SrvLookup.of(MailService.IMAPS, answer());
        assertThat(none.notOffered()).isFalse();
        assertThat(SrvLookup.owner(MailService.SUBMISSIONS, "example.test")).isEqualTo("_submissions._tcp.example.test");
    }

    @Test
    void sourcesAreMergedPerEndpointAndDisagreementOnThePreferredEndpointIsReported() {
        ServiceMerge m = new ServiceMerge();
        m.add(MailService.SMTP, "mx.example.test", 25, Transport.STARTTLS, DiscoverySource.MX);
        m.add(MailService.SUBMISSIONS, "smtp.example.test", 465, Transport.IMPLICIT, DiscoverySource.SRV);
        m.add(MailService.IMAPS, "imap.example.test", 993, Transport.IMPLICIT, DiscoverySource.SRV);
        m.add(MailService.IMAP, "imap.example.test", 143, Transport.STARTTLS, DiscoverySource.SRV);
        m.add(MailService.SUBMISSION, "smtp.example.test", 587, Transport.STARTTLS, DiscoverySource.AUTOCONFIG);
        m.add(MailService.IMAPS, "imap.example.test", 993, Transport.IMPLICIT, DiscoverySource.AUTOCONFIG);
        List<DiscoveredService> s = m.services();
        assertThat(s).extracting(DiscoveredService::label)
                .containsExactly("mx.example.test:25", "smtp.example.test:465", "imap.example.test:993", "imap.example.test:143",
                        "smtp.example.test:587");
        assertThat(s.get(2).foundBy()).containsExactly(DiscoverySource.SRV, DiscoverySource.AUTOCONFIG);
        assertThat(s.get(4).foundBy()).containsExactly(DiscoverySource.AUTOCONFIG);
        // SRV prefers 465, autoconfig 587: a disagreement. On IMAP autoconfig lists less, but prefers the same endpoint.
        assertThat(m.disagreements("example.test")).containsExactly("example.test: submission: sources disagree on the endpoint to use:"
                + " srv says smtp.example.test:465 (implicit); autoconfig says smtp.example.test:587 (starttls); all are scanned");
        assertThat(m.conflicts()).isEmpty();
    }

    @Test
    void oneEndpointPublishedAsTwoServicesIsScannedOnceAndSaid() {
        ServiceMerge m = new ServiceMerge();
        m.add(MailService.SMTP, "mail.example.test", 25, Transport.STARTTLS, DiscoverySource.MX);
        m.add(MailService.SUBMISSION, "mail.example.test", 25, Transport.STARTTLS, DiscoverySource.AUTOCONFIG);
        assertThat(m.services()).hasSize(1);
        assertThat(m.services().get(0).foundBy()).containsExactly(DiscoverySource.MX, DiscoverySource.AUTOCONFIG);
        assertThat(m.conflicts()).containsExactly("mail.example.test:25 is published as smtp and, by autoconfig, as submission; scanned once as smtp");
    }
}
