package org.tlsverdict.report;

/** Output formats; the names are the values of {@code --format}. */
public enum Format {
    text, json, yaml, markdown, sarif, junit, html
}
