package io.overlaysim.net;

/**
 * Thrown when text is not an address of the expected form. The message names the text and
 * what was expected, e.g. {@code expected an IPv4 address (a.b.c.d), found "10.0.0"}.
 */
public final class AddressFormatException extends IllegalArgumentException {
    private final String text;
    private final String expected;

    public AddressFormatException(String text, String expected) {
        super("expected " + expected + ", found \"" + text + "\"");
        this.text = text;
        this.expected = expected;
    }

    /** The text that failed to parse. */
    public String text() {
        return text;
    }

    /** What was expected instead, e.g. {@code "an IPv4 address (a.b.c.d)"}. */
    public String expected() {
        return expected;
    }
}
