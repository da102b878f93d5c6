package org.tlsverdict.collect.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.tlsverdict.collect.Starttls;

/**
 * The plain-text dialogues that precede TLS: SMTP (EHLO, STARTTLS), IMAP (STARTTLS), POP3 (STLS).
 * Replies are read byte by byte so that no TLS byte is consumed. Temporary refusals (SMTP 421/454,
 * IMAP BYE, POP3 -ERR on connect) raise {@link Throttled}; a missing STARTTLS raises
 * {@link NotOffered}.
 */
final class StarttlsDialogue {

    /** The server does not offer STARTTLS at all. */
    static final class NotOffered extends IOException {
        NotOffered(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 200;

    private StarttlsDialogue() {
    }

    /** Runs the dialogue for {@code dialect} (NONE or null: nothing to do; AUTO must be resolved first). */
    static void negotiate(Starttls dialect, InputStream in, OutputStream out, String ehloName) throws IOException {
        if (dialect == null) {
            return;
        }
        switch (dialect) {
            case NONE -> { }
            case SMTP -> smtp(in, out, ehloName);
            case IMAP -> imap(in, out);
            case POP3 -> pop3(in, out);
            case AUTO -> throw new IllegalArgumentException("STARTTLS auto must be resolved against the target first");
        }
    }

    private static void smtp(InputStream in, OutputStream out, String ehloName) throws IOException {
        SmtpReply greeting = smtpReply(in);
        if (greeting.code == 421) {
            throw new Throttled("SMTP greeting " + greeting.first);
        }
        if (greeting.code != 220) {
            throw new IOException("unexpected SMTP greeting: " + greeting.first);
        }
        send(out, "EHLO " + ehloName);
        SmtpReply ehlo = smtpReply(in);
        if (ehlo.code == 421) {
            throw new Throttled("SMTP EHLO " + ehlo.first);
        }
        if (ehlo.code != 250) {
            throw new IOException("SMTP EHLO rejected: " + ehlo.first);
        }
        if (!ehlo.text.toUpperCase(Locale.ROOT).matches("(?s).*\\b250[ -]STARTTLS\\b.*")) {
            throw new NotOffered("SMTP server does not offer STARTTLS");
        }
        send(out, "STARTTLS");
        SmtpReply starttls = smtpReply(in);
        if (starttls.code == 421 || starttls.code == 454) {
            throw new Throttled("SMTP STARTTLS " + starttls.first);
        }
        if (starttls.code != 220) {
            throw new IOException("SMTP STARTTLS refused: " + starttls.first);
        }
    }

    private record SmtpReply(int code, String first, String text) {
    }

    private static SmtpReply smtpReply(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        String first = null;
        for (int i = 0; i < MAX_LINES; i++) {
            String line = line(in);
            if (first == null) {
                first = line;
            }
            all.append(line).append('\n');
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new IOException("not an SMTP reply: " + printable(line));
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), printable(first), all.toString());
            }
            if (line.charAt(3) != '-') {
                throw new IOException("not an SMTP reply: " + printable(line));
            }
        }
        throw new IOException("SMTP reply of more than " + MAX_LINES + " lines");
    }

    private static void imap(InputStream in, OutputStream out) throws IOException {
        String greeting = line(in);
        if (greeting.startsWith("* BYE")) {
            throw new Throttled("IMAP greeting " + printable(greeting));
        }
        if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
            throw new IOException("unexpected IMAP greeting: " + printable(greeting));
        }
        send(out, "a1 STARTTLS");
        for (int i = 0; i < MAX_LINES; i++) {
            String line = line(in);
            if (line.startsWith("* BYE")) {
                throw new Throttled("IMAP " + printable(line));
            }
            if (line.startsWith("a1 ")) {
                if (line.startsWith("a1 OK")) {
                    return;
                }
                if (line.startsWith("a1 BAD") || line.startsWith("a1 NO")) {
                    throw new NotOffered("IMAP server refuses STARTTLS: " + printable(line));
                }
                throw new IOException("unexpected IMAP reply: " + printable(line));
            }
        }
        throw new IOException("IMAP server never answered STARTTLS");
    }

    private static void pop3(InputStream in, OutputStream out) throws IOException {
        String greeting = line(in);
        if (greeting.startsWith("-ERR")) {
            throw new Throttled("POP3 greeting " + printable(greeting));
        }
        if (!greeting.startsWith("+OK")) {
            throw new IOException("unexpected POP3 greeting: " + printable(greeting));
        }
        send(out, "STLS");
        String reply = line(in);
        if (reply.startsWith("-ERR")) {
            throw new NotOffered("POP3 server refuses STLS: " + printable(reply));
        }
        if (!reply.startsWith("+OK")) {
            throw new IOException("unexpected POP3 reply: " + printable(reply));
        }
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One CRLF- (or LF-) terminated line, without the terminator. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(buf.size() == 0 ? "connection closed during STARTTLS dialogue"
                        : "connection closed mid-line: " + printable(buf.toString(StandardCharsets.ISO_8859_1)));
            }
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (buf.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes in STARTTLS dialogue");
            }
            buf.write(b);
        }
    }

    /** Server text as it may appear in a one-line message: control characters out, at most 120 characters. */
    static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 120 ? t.substring(0, 120) + "..." : t;
    }
}
