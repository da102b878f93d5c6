package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.Starttls;

class StarttlsDialogueTest {

    private static ByteArrayInputStream server(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void smtpSpeaksEhloThenStarttls() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        StarttlsDialogue.negotiate(Starttls.SMTP, server("220-mx.example ESMTP\r\n220 ready\r\n250-mx.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n220 go ahead\r\n"),
                sent, "[127.0.0.1]");
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("EHLO [127.0.0.1]\r\nSTARTTLS\r\n");
    }

    @Test
    void smtp421And454AreThrottlingNotAnswers() {
        assertThatThrownBy(() -> StarttlsDialogue.negotiate(Starttls.SMTP, server("421 4.7.0 too many connections\r\n"), new ByteArrayOutputStream(), "[x]"))
                .isInstanceOf(Throttled.class).hasMessageContaining("421");
        assertThatThrownBy(() -> StarttlsDialogue.negotiate(Starttls.SMTP, server("220 hi\r\n250 STARTTLS\r\n454 4.7.0 TLS not available\r\n"),
                new ByteArrayOutputStream(), "[x]")).isInstanceOf(Throttled.class).hasMessageContaining("454");
        assertThatThrownBy(() -> StarttlsDialogue.negotiate(Starttls.SMTP, server("220 hi\r\n421 closing\r\n"), new ByteArrayOutputStream(), "[x]"))
                .isInstanceOf(Throttled.class);
    }

    @Test
    void smtpWithoutStarttlsIsReportedAsSuch() {
        assertThatThrownBy(() -> StarttlsDialogue.negotiate(Starttls.SMTP, server("220 hi\r\n250-mx\r\n250 8BITMIME\r\n"), new ByteArrayOutputStream(), "[x]"))
                .isInstanceOf(StarttlsDialogue.NotOffered.class);
        assertThatThrownBy(() -> StarttlsDialogue.negotiate(Starttls.SMTP, server("\u0016\u0003\u0001garbage\r\n"), new ByteArrayOutputStream(), "[x]"))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not an SMTP reply");
    }

    @Test
    void imapAndPop3() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        StarttlsDialogue.negotiate(Starttls.IMAP, server("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\na1 OK Begin TLS\r\n"), sent, "[x]");
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("a1 STARTTLS\r\n");
        sent.reset();
        StarttlsDialogue.negotiate(Starttls.POP3, server("+OK POP3 ready\r\n+OK Begin TLS\r\n"), sent, "[x]");
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("STLS\r\n");
        assertThatThrownBy(() -> StarttlsDialogue.negotiate(Starttls.IMAP, server("* BYE too many\r\n"), new ByteArrayOutputStream(), "[x]"))
                .isInstanceOf(Throttled.class);
        assertThatThrownBy(() -> StarttlsDialogue.negotiate(Starttls.POP3, server("+OK\r\n-ERR no TLS\r\n"), new ByteArrayOutputStream(), "[x]"))
                .isInstanceOf(StarttlsDialogue.NotOffered.class);
    }
}
