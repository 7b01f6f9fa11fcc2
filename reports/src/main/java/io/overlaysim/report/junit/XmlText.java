package io.overlaysim.report.junit;

/**
 * Escapes text for XML 1.0 content and double-quoted attribute values.
 *
 * <p>XML 1.0 (section 2.2, production [2] Char) allows only tab, LF, CR, U+0020..U+D7FF,
 * U+E000..U+FFFD and U+10000..U+10FFFF, even as character references. Anything else (the ESC of
 * ANSI colours, NUL, a lone surrogate) is written as the visible text {@code \\uXXXX}, so the
 * document stays well-formed and the reader still sees what was there.
 */
final class XmlText {

    private XmlText() {}

    /** Text for element content: {@code & < >} escaped, CR kept as a reference (parsers drop raw CRs). */
    static String content(String s) {
        return escape(s, false);
    }

    /**
     * Text for an attribute value: also {@code "} escaped, and tab, LF and CR as references,
     * since attribute-value normalisation (section 3.3.3) would turn raw ones into spaces.
     */
    static String attribute(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        var sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\r' -> sb.append("&#13;");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(ch) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(ch).append(s.charAt(++i)); // a supplementary character: allowed
                    } else if (ch < 0x20 || Character.isSurrogate(ch) || ch == '\uFFFE' || ch == '\uFFFF') {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
