package org.tlsverdict.collect.probe;

import java.util.List;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;

/**
 * What the probes of one target share: the exchange (connections), the findings, the candidate
 * lists and the hello shapes. {@link #send} also harvests what every accepted hello tells for
 * free: renegotiation_info, extended master secret, compression, and the certificate chain.
 */
final class ProbeContext {

    final HelloExchange exchange;
    final Findings findings;
    final CipherRegistry registry;
    final String serverName;
    final List<Integer> legacySuites;
    private int silentReplies;

    ProbeContext(HelloExchange exchange, Findings findings, CipherRegistry registry, String serverName) {
        this.exchange = exchange;
        this.findings = findings;
        this.registry = registry;
        this.serverName = serverName;
        this.legacySuites = Candidates.legacySuites(registry);
    }

    /** A TLS 1.2-or-lower hello with at most {@code max}; SSLv3 hellos carry no extensions. */
    ClientHello legacy(TlsVersion max, List<Integer> suites, List<Integer> groups) {
        return new ClientHello(max.wireValue(), max.wireValue(), suites, max == TlsVersion.SSLv3 ? List.of() : groups,
                max == TlsVersion.SSLv3 ? null : serverName, true, false);
    }

    ClientHello legacy(TlsVersion max, List<Integer> suites) {
        return legacy(max, suites, Candidates.LEGACY_GROUPS);
    }

    /** A TLS 1.3-only hello (supported_versions lists 1.3 alone). */
    ClientHello tls13(List<Integer> suites, List<Integer> groups) {
        return new ClientHello(0x0304, 0x0304, suites, groups, serverName, false, false);
    }

    Reply send(ClientHello hello) throws ProbeStop, StarttlsDialogue.NotOffered {
        Reply r = exchange.send(hello, findings.chain == null);
        absorb(r);
        return r;
    }

    private void absorb(Reply r) throws ProbeStop {
        if (r.kind() == Reply.Kind.ACCEPTED || r.kind() == Reply.Kind.REJECTED) {
            findings.speaksTls = true;
            silentReplies = 0;
        } else {
            findings.problem(r.describe());
            if (!findings.speaksTls && ++silentReplies >= 3) {
                throw new ProbeStop("the server has not answered any hello with TLS");
            }
        }
        if (!r.accepted() || r.version() >= 0x0304) {
            return;
        }
        if (r.certificates() != null && !r.certificates().isEmpty() && findings.chain == null) {
            findings.chain = r.certificates();
            findings.chainHow = r.describe();
        }
        if (r.offer().offerCompression()) {
            TriState compressed = r.hello().compression() == Wire.COMPRESSION_DEFLATE ? TriState.YES : TriState.NO;
            if (compressed == TriState.YES) {
                findings.features.remove("compression");
            }
            findings.feature("compression", compressed, r.describe() + (compressed == TriState.YES ? " with DEFLATE" : " without compression"));
        }
        if (r.version() >= 0x0301 && r.offer().maxVersion() >= 0x0301) {
            try {
                boolean reneg = r.hello().secureRenegotiation();
                findings.feature("secureRenegotiation", reneg ? TriState.YES : TriState.NO,
                        r.describe() + (reneg ? ", renegotiation_info answered" : ", no renegotiation_info"));
            } catch (TlsFormatException e) {
                findings.problem("renegotiation_info: " + e.getMessage());
            }
            boolean ems = r.hello().extendedMasterSecret();
            findings.feature("extendedMasterSecret", ems ? TriState.YES : TriState.NO,
                    r.describe() + (ems ? ", extended_master_secret answered" : ", no extended_master_secret"));
        }
    }
}
