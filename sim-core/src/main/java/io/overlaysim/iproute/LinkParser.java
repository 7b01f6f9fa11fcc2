package io.overlaysim.iproute;

import java.util.List;

/**
 * Parses the devices of a dump: {@code ip link}, {@code ip -d link}, {@code ip -o link}, the
 * link lines of {@code ip addr}, or their {@code -j} JSON forms (told apart by the first
 * character that is not a comment). Lines starting with {@code #} and blank lines are ignored.
 *
 * <pre>{@code
 * List<LinkInfo> links = LinkParser.parse("ip-link.txt", Files.readString(path));
 * ParsedDump<LinkInfo> some = LinkParser.parse("ip-link.txt", text, true); // skips bad lines
 * }</pre>
 */
public final class LinkParser {
    private LinkParser() {
    }

    /** Parses strictly: the first bad line throws a {@link DumpParseException} naming file:line:col. */
    public static List<LinkInfo> parse(String file, String content) {
        return parse(file, content, false).entries();
    }

    /**
     * Parses; when {@code lenient}, a bad line (or JSON object) is skipped with a warning
     * instead, and a bad header line skips its whole device.
     */
    public static ParsedDump<LinkInfo> parse(String file, String content, boolean lenient) {
        return L2Dumps.looksLikeJson(content)
                ? LinkJsonParser.parse(file, content, lenient)
                : LinkTextParser.parse(file, content, lenient);
    }
}
