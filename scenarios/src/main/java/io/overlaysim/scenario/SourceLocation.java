package io.overlaysim.scenario;

/**
 * A place in a scenario file: the file name as the user gave it, a 1-based line and column.
 * Prints as compilers do, {@code calico-ipip.yaml:12:5}, so that editors and CI logs link to it.
 */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {
    /** The start of a file, for errors about the file as a whole. */
    public static SourceLocation startOf(String file) {
        return new SourceLocation(file, 1, 1);
    }

    @Override
    public int compareTo(SourceLocation o) {
        int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
