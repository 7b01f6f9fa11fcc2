package io.overlaysim.iproute;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a dump split into whitespace-separated tokens, each remembering its 1-based
 * column, with a cursor for recursive-descent parsing. Spaces and tabs both separate (real
 * dumps have double spaces, trailing spaces and tab-indented {@code nexthop} lines).
 *
 * <pre>{@code
 * LineTokens t = LineTokens.of("ip-route.txt", 3, "default via 10.0.0.1 dev eth0");
 * t.next();          // "default"
 * t.expectKeyword("via");
 * }</pre>
 */
public final class LineTokens {
    private final String file;
    private final int line;
    private final String text;
    private final List<String> tokens;
    private final int[] columns;
    private int pos;

    private LineTokens(String file, int line, String text, List<String> tokens, int[] columns) {
        this.file = file;
        this.line = line;
        this.text = text;
        this.tokens = tokens;
        this.columns = columns;
    }

    public static LineTokens of(String file, int line, String text) {
        List<String> tokens = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            tokens.add(text.substring(start, i));
            cols.add(start + 1);
        }
        int[] columns = new int[cols.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = cols.get(k);
        }
        return new LineTokens(file, line, text, tokens, columns);
    }

    /** Whether a raw line carries nothing to parse: blank, or a {@code #} comment. */
    public static boolean isCommentOrBlank(String rawLine) {
        for (int i = 0; i < rawLine.length(); i++) {
            char c = rawLine.charAt(i);
            if (!isSpace(c)) {
                return c == '#';
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String text() {
        return text;
    }

    public int size() {
        return tokens.size();
    }

    public int position() {
        return pos;
    }

    public void reset(int position) {
        this.pos = position;
    }

    public boolean hasNext() {
        return pos < tokens.size();
    }

    /** The next token without consuming it, or {@code null} at the end of the line. */
    public String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    /** The token {@code ahead} places past the next one, or {@code null}. */
    public String peek(int ahead) {
        int i = pos + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    /** Consumes the next token, or fails naming {@code expected}. */
    public String next(String expected) {
        if (pos >= tokens.size()) {
            throw error(expected);
        }
        return tokens.get(pos++);
    }

    public String next() {
        return next("more tokens");
    }

    /** Consumes the next token if it equals {@code keyword}. */
    public boolean accept(String keyword) {
        if (pos < tokens.size() && tokens.get(pos).equals(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    public void expectKeyword(String keyword) {
        if (!accept(keyword)) {
            throw error("\"" + keyword + "\"");
        }
    }

    /** The 1-based column of the next token, or one past the end of the line. */
    public int column() {
        return pos < tokens.size() ? columns[pos] : text.length() + 1;
    }

    /** The 1-based column of the token at {@code index}. */
    public int columnOf(int index) {
        return index < tokens.size() ? columns[index] : text.length() + 1;
    }

    /** An error at the next token. */
    public DumpParseException error(String expected) {
        return new DumpParseException(file, line, column(), expected, peek());
    }

    /** An error at the token just consumed (for a token that was read but is not valid). */
    public DumpParseException errorAtPrevious(String expected) {
        int i = Math.max(0, pos - 1);
        return new DumpParseException(file, line, columnOf(i), expected, i < tokens.size() ? tokens.get(i) : null);
    }
}
