package org.tlsverdict.facts;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The one way every JSON text of ours writes a UTF-16 surrogate, paired or lone: as backslash-u
 * and four upper-case hex digits, the way Jackson's UTF-8 generator ({@code writeValueAsBytes})
 * writes it by itself. Without this, Jackson's character generator ({@code writeValueAsString})
 * leaves surrogates as they are: a pair becomes the character's four UTF-8 bytes when the text
 * is encoded, so one report differed from another by path, and a lone surrogate, which has no
 * UTF-8 form, became {@code ?}. Escaped, both survive any encoding and read back as the same
 * string in Jackson and in any JSON parser; every other character is written as before (ASCII
 * escapes as Jackson's standard ones, the rest as itself).
 */
final class SurrogateEscapes extends CharacterEscapes {

    private static final int[] ASCII = standardAsciiEscapesForJSON();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < Character.MIN_SURROGATE || ch > Character.MAX_SURROGATE) {
            return null;
        }
        return new SerializedString(new String(new char[] {'\\', 'u', HEX[(ch >> 12) & 0xF], HEX[(ch >> 8) & 0xF],
                HEX[(ch >> 4) & 0xF], HEX[ch & 0xF]}));
    }
}
