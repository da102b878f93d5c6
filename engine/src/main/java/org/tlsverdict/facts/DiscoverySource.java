package org.tlsverdict.facts;

/** Where a mail service of a domain was published: the {@code foundBy} of a discovered service. */
public enum DiscoverySource {
    MX("mx"), SRV("srv"), AUTOCONFIG("autoconfig"), ISPDB("ispdb"), AUTODISCOVER("autodiscover");

    private final String label;

    DiscoverySource(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
