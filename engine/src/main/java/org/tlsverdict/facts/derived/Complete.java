package org.tlsverdict.facts.derived;

import org.tlsverdict.facts.Area;

/** Derived by rules/common: an area is fully known for every protocol version it concerns. */
public record Complete(Area area) {
}
