package org.tlsverdict.collect.importer;

import java.util.regex.Pattern;

/** Tells an IP address literal from a host name, so that a name never lands in {@code endpoint.ip}. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\S+)?$");

    private Addresses() {
    }

    static boolean isLiteral(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        var m = IPV4.matcher(text);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return text.contains(":") && IPV6.matcher(text).matches();
    }
}
