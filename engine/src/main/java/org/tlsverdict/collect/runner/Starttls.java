package org.tlsverdict.collect.runner;

import org.tlsverdict.collect.ScanRunner.ScanOptions;
import org.tlsverdict.collect.ScanTarget;

/** The STARTTLS dialect for a run: forced by --starttls, else chosen from the target's service. */
final class Starttls {

    private Starttls() {
    }

    /** smtp, imap, pop3, or null for implicit TLS. */
    static String of(ScanTarget target, ScanOptions options) {
        String forced = options == null ? null : options.starttlsOverride();
        if (forced == null || forced.equals("auto")) {
            return target.starttlsProtocol();
        }
        return forced.equals("none") ? null : forced;
    }
}
