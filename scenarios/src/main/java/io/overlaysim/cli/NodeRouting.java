package io.overlaysim.cli;

import io.overlaysim.iproute.AddrJsonParser;
import io.overlaysim.iproute.AddrParser;
import io.overlaysim.iproute.RouteDump;
import io.overlaysim.iproute.RouteJsonParser;
import io.overlaysim.iproute.RouteTextParser;
import io.overlaysim.iproute.RuleParser;
import io.overlaysim.routing.Fib;
import io.overlaysim.routing.FibConfig;
import io.overlaysim.routing.FibLoader;
import io.overlaysim.routing.AdaptivePrefixMap;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.RuleSet;
import io.overlaysim.routing.TableNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A node's FIB built from its dump files ({@code ip route}, {@code ip addr}, {@code ip rule}; text or JSON). */
record NodeRouting(Fib fib, FibLoader.Report report, List<String> warnings) {

    static NodeRouting load(Path routes, Path addrs, Path rules, boolean lenient, List<String> extraDevices) {
        TableNames names = new TableNames();
        String routesText = read(routes);
        String rname = routes.toString();
        RouteDump dump = isJson(routesText)
                ? new RouteJsonParser(names, lenient).parse(rname, routesText)
                : new RouteTextParser(names, lenient).parse(rname, routesText);
        List<InterfaceAddress> addresses = null;
        if (addrs != null) {
            String t = read(addrs);
            addresses = isJson(t) ? AddrJsonParser.parse(addrs.toString(), t) : AddrParser.parse(addrs.toString(), t);
        }
        RuleSet ruleSet = rules == null ? null : RuleParser.parse(rules.toString(), read(rules), names);
        Fib fib = new Fib(FibConfig.oracle(), names, AdaptivePrefixMap::new);
        List<FibLoader.Line> lines = dump.entries().stream()
                .filter(e -> !e.deleted())
                .map(e -> new FibLoader.Line(e.line(), e.route())).toList();
        FibLoader.Report report = FibLoader.load(fib, lines, addresses, ruleSet, extraDevices);
        return new NodeRouting(fib, report, dump.warnings());
    }

    static boolean isJson(String text) {
        for (String l : text.split("\n")) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            return s.startsWith("[") || s.startsWith("{");
        }
        return false;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
