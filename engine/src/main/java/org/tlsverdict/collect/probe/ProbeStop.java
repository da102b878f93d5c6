package org.tlsverdict.collect.probe;

/**
 * The scan of a target must stop: deadline passed, connection budget spent, or the server keeps
 * refusing. What was learned so far is kept; everything else stays unknown.
 */
final class ProbeStop extends Exception {

    ProbeStop(String message) {
        super(message);
    }
}
