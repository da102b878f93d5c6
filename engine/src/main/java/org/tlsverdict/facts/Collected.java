package org.tlsverdict.facts;

/**
 * Rule fact: an area (for versioned areas, one version of it) was collected. Its absence means
 * "not collected", which rules turn into INCONCLUSIVE rather than PASS.
 */
public record Collected(Area area, TlsVersion version) {
}
