package org.tlsverdict.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Whether the run talks to a person at a terminal (colour, a progress line). In-process that is this
 * JVM's console; a run the daemon serves gets the client's answer, since the daemon has none.
 */
record Terminal(boolean console) {

    static Terminal system() {
        return new Terminal(System.console() != null);
    }

    /** The terminal of the run {@code spec} belongs to. */
    static Terminal of(CommandSpec spec) {
        return spec.root().userObject() instanceof Main m && m.terminal != null ? m.terminal : system();
    }
}
