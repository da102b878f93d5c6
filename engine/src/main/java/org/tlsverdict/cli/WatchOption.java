package org.tlsverdict.cli;

import picocli.CommandLine.Option;

/** {@code --watch}, shared by the commands that judge ({@code evaluate}, {@code test}, {@code replay}). */
final class WatchOption {

    @Option(names = "--watch",
            description = "stay running: re-judge when a rule file (.drl), cases file, policy.yaml or input file is saved, and print"
                    + " only what changed since the last run (or 'no change'); a broken rule file is reported and watching goes on;"
                    + " Ctrl-C ends with exit 0")
    boolean watch;
}
