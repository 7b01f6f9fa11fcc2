package io.overlaysim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code overlaysim route}: routing questions answered as the kernel answers them. */
@Command(name = "route", mixinStandardHelpOptions = true, description = "Routing lookups as the Linux kernel does them.",
        footerHeading = "%nExamples:%n",
        footer = {"  overlaysim route get --routes ip-route.txt 172.16.103.65"},
        subcommands = {RouteGetCommand.class})
final class RouteCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
