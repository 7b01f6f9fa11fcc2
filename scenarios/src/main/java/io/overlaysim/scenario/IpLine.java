package io.overlaysim.scenario;

import io.overlaysim.iproute.LineTokens;

/**
 * One line of iproute2 syntax written in a scenario ({@code ip route}, {@code ip rule},
 * {@code ip neigh}, {@code bridge fdb}), kept as text with where it is written, so that the
 * parser that reads it can report {@code FILE:LINE:COL} in the scenario file.
 */
public record IpLine(String text, SourceLocation at) {
    /**
     * The line as tokens whose columns are the scenario file's columns: feed these to the
     * {@code io.overlaysim.iproute} parsers, and their {@code DumpParseException}s point into
     * the scenario file.
     */
    public LineTokens tokens() {
        return LineTokens.of(at.file(), at.line(), " ".repeat(at.column() - 1) + text);
    }

    @Override
    public String toString() {
        return text;
    }
}
