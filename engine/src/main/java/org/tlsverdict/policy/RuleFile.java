package org.tlsverdict.policy;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One .drl file of a policy; {@code label} is the path shown to people (relative where possible). */
public record RuleFile(Path path, String label, String text) {

    public String stem() {
        String name = path.getFileName().toString();
        return name.endsWith(".drl") ? name.substring(0, name.length() - 4) : name;
    }

    private static final Pattern STRINGS_AND_COMMENTS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    /** The rule text as code: string literals emptied ({@code ""}) and comments blanked, line breaks kept. */
    public String code() {
        return code(text);
    }

    /**
     * What checks that read rule text look at (which fields, types and calls a rule names): words
     * inside strings and comments name nothing. Line breaks stay so that lines can be reported.
     */
    static String code(String drl) {
        Matcher m = STRINGS_AND_COMMENTS.matcher(drl);
        StringBuilder out = new StringBuilder(drl.length());
        while (m.find()) {
            String found = m.group();
            m.appendReplacement(out, found.startsWith("\"") ? "\"\"" : found.replaceAll("[^\\n]", ""));
        }
        m.appendTail(out);
        return out.toString();
    }
}
