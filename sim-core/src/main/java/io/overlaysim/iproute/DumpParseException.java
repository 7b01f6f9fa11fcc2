package io.overlaysim.iproute;

/**
 * A dump that is not what it claims to be. The message has the form compilers use, so editors
 * and CI logs link to the spot: {@code ip-route.txt:12:5: expected a route type or prefix, found "foo"}.
 */
public final class DumpParseException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String expected;
    private final String found;

    /**
     * @param file the file name as the user gave it (or {@code "<stdin>"})
     * @param line 1-based line number
     * @param column 1-based column of the offending token
     * @param expected what would have been accepted there
     * @param found the offending text; empty means the end of the line
     */
    public DumpParseException(String file, int line, int column, String expected, String found) {
        super(file + ":" + line + ":" + column + ": expected " + expected + ", found "
                + (found == null || found.isEmpty() ? "end of line" : "\"" + found + "\""));
        this.file = file;
        this.line = line;
        this.column = column;
        this.expected = expected;
        this.found = found == null ? "" : found;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
