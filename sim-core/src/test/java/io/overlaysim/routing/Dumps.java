package io.overlaysim.routing;

import io.overlaysim.iproute.LineTokens;
import io.overlaysim.iproute.RouteDump;
import io.overlaysim.iproute.RouteGetPrinter;
import io.overlaysim.iproute.RouteQueryParser;
import io.overlaysim.iproute.RouteTextParser;
import io.overlaysim.iproute.RuleParser;
import java.util.List;

/** Test helper: a node from dump text, and {@code ip route get} answers as one line of text. */
final class Dumps {
    final Fib fib;
    final FibLoader.Report report;
    final RouteLookup lookup;

    private Dumps(Fib fib, FibLoader.Report report) {
        this.fib = fib;
        this.report = report;
        this.lookup = new RouteLookup(fib);
    }

    static Dumps of(String routes) {
        return of(routes, null);
    }

    static Dumps of(String routes, String rules) {
        TableNames names = new TableNames();
        RouteDump d = new RouteTextParser(names, false).parse("routes", routes);
        Fib fib = new Fib(FibConfig.oracle(), names, HashPrefixMap::new);
        RuleSet rs = rules == null ? null : RuleParser.parse("rules", rules, names);
        List<FibLoader.Line> lines = d.entries().stream().map(e -> new FibLoader.Line(e.line(), e.route())).toList();
        return new Dumps(fib, FibLoader.load(fib, lines, null, rs, List.of()));
    }

    RouteAnswer answer(String query) {
        return lookup.get(RouteQueryParser.parse(LineTokens.of("q", 1, query)));
    }

    /** The answer as {@code ip -o route get} prints it (one line). */
    String get(String query) {
        return RouteGetPrinter.text(answer(query)).replace("\n", "\\");
    }
}
