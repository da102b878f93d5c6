package org.tlsverdict.collect.probe;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.VulnStatus;

/**
 * Heartbleed (CVE-2014-0160) and CCS injection (CVE-2014-0224) in one connection, both asked
 * before any key exists: a hello offering the heartbeat extension, read up to ServerHelloDone, then
 * (when the server agreed to heartbeats) a heartbeat request claiming 16 KiB of payload while
 * carrying none, and two ChangeCipherSpec records. A patched server drops the heartbeat silently
 * and refuses the early ChangeCipherSpec with unexpected_message (or hangs up), so the answer comes at once: a
 * heartbeat response means memory was echoed; bad_record_mac or decryption_failed means the early
 * ChangeCipherSpec was taken and the second record decrypted with keys that do not exist yet.
 */
final class EarlyRecords {

    private static final TlsVersion[] BELOW_TLS13 = {TlsVersion.TLSv1_2, TlsVersion.TLSv1_1, TlsVersion.TLSv1_0, TlsVersion.SSLv3};

    private EarlyRecords() {
    }

    static void probe(ProbeContext ctx, Connector connector) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        TlsVersion version = null;
        for (TlsVersion v : BELOW_TLS13) {
            if (f.support(v) == Support.OFFERED) {
                version = v;
                break;
            }
        }
        if (version == null) {
            boolean known = f.support(TlsVersion.TLSv1_3) == Support.OFFERED
                    && java.util.Arrays.stream(BELOW_TLS13).allMatch(v -> f.support(v) == Support.NOT_OFFERED);
            if (known) {
                String why = "TLS 1.3 only: no handshake that could carry it";
                f.tested("HEARTBLEED", VulnStatus.NOT_VULNERABLE, why, why);
                f.tested("CCS", VulnStatus.NOT_VULNERABLE, why, why);
            }
            return;
        }
        List<Integer> suites = f.accepted(version).stream().map(Findings.Accepted::suite).toList();
        ClientHello hello = ctx.legacy(version, suites.isEmpty() ? ctx.legacySuites : suites);
        String how = "hello " + version.label() + " with heartbeat extension, then ";
        Connection c = connector.openOrNote(f, "Heartbleed/CCS not tested");
        if (c == null) {
            return;
        }
        try (c) {
            ServerHello sh;
            try {
                sh = FirstFlight.read(c, hello, true, connector.limits().maxHandshakeBytes());
            } catch (TlsFormatException e) {
                f.problem("Heartbleed/CCS not tested: " + e.getMessage());
                return;
            }
            int wire = sh.legacyVersion();
            boolean heartbeat = sh.extensions().containsKey(Wire.EXT_HEARTBEAT);
            if (heartbeat) {
                // type request, payload_length 16384, no payload: RFC 6520 says drop it silently.
                c.out().write(Wire.record(Wire.HEARTBEAT, wire, new byte[] {1, 0x40, 0}));
            } else {
                f.tested("HEARTBLEED", VulnStatus.NOT_VULNERABLE, "no heartbeat extension", how + "ServerHello without heartbeat");
            }
            byte[] ccs = Wire.record(Wire.CHANGE_CIPHER_SPEC, wire, new byte[] {1});
            c.out().write(ccs);
            c.out().write(ccs);
            c.out().flush();
            readAnswers(f, new DataInputStream(c.in()), heartbeat, how + (heartbeat ? "heartbeat request (16384 claimed, 0 sent) and " : "")
                    + "two early ChangeCipherSpec records -> ");
        } catch (SocketTimeoutException e) {
            f.problem("Heartbleed/CCS not determined: no answer in time");
        } catch (IOException e) {
            f.problem("Heartbleed/CCS not determined: " + e.getMessage());
        }
    }

    private static void readAnswers(Findings f, DataInputStream in, boolean heartbeat, String how) throws IOException {
        boolean echoed = false;
        String end;
        try {
            while (true) {
                int type = in.readUnsignedByte();
                in.readUnsignedShort();
                int length = in.readUnsignedShort();
                if (type == Wire.HEARTBEAT) {
                    echoed = true;
                    in.skipNBytes(length);
                    f.tested("HEARTBLEED", VulnStatus.VULNERABLE, "heartbeat response of " + length + " bytes to a request carrying none",
                            how + "heartbeat response, " + length + " bytes");
                    continue;
                }
                if (type != Wire.ALERT || length < 2) {
                    end = "record type " + type;
                    break;
                }
                in.readUnsignedByte();
                int description = in.readUnsignedByte();
                in.skipNBytes(length - 2);
                String alert = "alert " + Wire.alertName(description);
                if (description == Wire.ALERT_UNEXPECTED_MESSAGE || description == Wire.ALERT_HANDSHAKE_FAILURE) {
                    f.tested("CCS", VulnStatus.NOT_VULNERABLE, "early ChangeCipherSpec refused", how + alert);
                } else if (description == Wire.ALERT_BAD_RECORD_MAC || description == Wire.ALERT_DECRYPTION_FAILED) {
                    f.tested("CCS", VulnStatus.VULNERABLE, "early ChangeCipherSpec accepted (" + alert + " on the next record)", how + alert);
                } else {
                    f.problem("CCS injection not determined: " + alert);
                }
                end = alert;
                break;
            }
        } catch (EOFException | SocketException e) {
            // A server that took the early ChangeCipherSpec would fail the next record with an alert; hanging up is
            // a refusal (Dovecot closes without sending the alert; testssl.sh reads silence the same way).
            end = "closed";
            f.tested("CCS", VulnStatus.NOT_VULNERABLE, "early ChangeCipherSpec refused (connection closed)", how + "closed without alert");
        } catch (SocketTimeoutException e) {
            end = "timeout";
            f.problem("Heartbleed/CCS not determined: no answer in time");
        }
        if (heartbeat && !echoed) {
            if (end.equals("timeout")) {
                return;
            }
            // Records are answered in order: whatever came after the heartbeat came without a response to it.
            f.tested("HEARTBLEED", VulnStatus.NOT_VULNERABLE, "heartbeat request dropped", how + end);
        }
    }
}
