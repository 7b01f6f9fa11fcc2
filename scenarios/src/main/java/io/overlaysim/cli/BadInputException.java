package io.overlaysim.cli;

/** Bad input found by a command (a flag's value, a missing file): exit code 2 with its message. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
