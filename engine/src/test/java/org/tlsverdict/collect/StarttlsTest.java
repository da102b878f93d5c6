package org.tlsverdict.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;

class StarttlsTest {

    @Test
    void theCommandLineValuesAreKeptExactly() {
        for (String v : new String[] {"smtp", "imap", "pop3", "none", "auto"}) {
            assertThat(Starttls.parse(v)).map(Starttls::value).contains(v);
        }
        assertThat(Starttls.parse("SMTP")).contains(Starttls.SMTP);
        assertThat(Starttls.parse("ftp")).isEmpty();
        assertThat(Starttls.parse(null)).isEmpty();
    }

    @Test
    void autoFollowsTheTargetAndAnythingElseIsForced() {
        ScanTarget submission = ScanTarget.parse("mail.example:587");
        ScanTarget imaps = ScanTarget.parse("mail.example:993");
        assertThat(Starttls.AUTO.forTarget(submission)).isEqualTo(Starttls.SMTP);
        assertThat(Starttls.AUTO.forTarget(imaps)).isEqualTo(Starttls.NONE);
        assertThat(Starttls.NONE.forTarget(submission)).isEqualTo(Starttls.NONE);
        assertThat(Starttls.IMAP.forTarget(imaps)).isEqualTo(Starttls.IMAP);
        assertThat(new ScanRunner.ScanOptions(null, 1, 1, 0, null, null).starttlsFor(submission)).isEqualTo(Starttls.SMTP);
    }

    @Test
    void theDialectFollowsServiceAndTransport() {
        assertThat(Starttls.of(Service.SUBMISSION, Transport.STARTTLS)).isEqualTo(Starttls.SMTP);
        assertThat(Starttls.of(Service.POP3, Transport.STARTTLS)).isEqualTo(Starttls.POP3);
        assertThat(Starttls.of(Service.IMAP, Transport.IMPLICIT)).isEqualTo(Starttls.NONE);
        assertThat(Starttls.of(Service.HTTPS, Transport.STARTTLS)).isEqualTo(Starttls.NONE);
        assertThat(Starttls.NONE.negotiates()).isFalse();
        assertThat(Starttls.AUTO.negotiates()).isFalse();
        assertThat(Starttls.POP3.negotiates()).isTrue();
    }
}
