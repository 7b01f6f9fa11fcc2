package io.overlaysim.cli;

import io.overlaysim.iproute.DumpParseException;
import io.overlaysim.net.AddressFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns bad input into a one-line message and exit code 2, never a stack trace. Anything else
 * is a bug in Overlaysim and is reported as such.
 */
final class BadInputHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String message = switch (t) {
            case DumpParseException d -> d.getMessage();
            case AddressFormatException a -> a.getMessage();
            case BadInputException b -> b.getMessage();
            case NoSuchFileException n -> n.getFile() + ": no such file";
            case IOException io -> io.getMessage();
            default -> null;
        };
        if (message == null) {
            cl.getErr().println("overlaysim: internal error (please report it): " + ex);
            ex.printStackTrace(cl.getErr());
            return Overlaysim.EXIT_BAD_INPUT + 1;
        }
        cl.getErr().println("overlaysim: " + message);
        return Overlaysim.EXIT_BAD_INPUT;
    }
}
