package io.overlaysim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code overlaysim} command line. Exit codes: 0 all expectations hold, 1 an expectation
 * failed, 2 bad input or usage.
 *
 * <pre>
 * overlaysim version
 * overlaysim route get --routes ip-route.txt 172.16.103.65
 * </pre>
 */
@Command(
        name = "overlaysim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Deterministic packet-level simulator of Linux hosts and Kubernetes overlay networks.",
        subcommands = {
            VersionCommand.class,
            ValidateCommand.class,
            RunCommand.class,
            RouteCommand.class,
            ImportCommand.class,
            TraceCommand.class,
            MtuCommand.class,
            picocli.AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        })
public final class Overlaysim implements Runnable {
    /** Exit code: everything held. */
    public static final int EXIT_OK = 0;
    /** Exit code: an expectation failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code: bad input or usage. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with our exit-code conventions, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Overlaysim());
        cl.setOut(out);
        cl.setErr(err);
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            usage.handleParseException(ex, args);
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler(new BadInputHandler());
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
