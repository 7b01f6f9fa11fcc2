package io.overlaysim.scenario;

import io.overlaysim.iproute.DumpParseException;
import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.iproute.FdbParser;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.iproute.NeighbourParser;
import io.overlaysim.iproute.RouteTextParser;
import io.overlaysim.iproute.RuleParser;
import io.overlaysim.net.AddressFormatException;
import io.overlaysim.net.MacAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.Rule;
import io.overlaysim.routing.TableNames;
import java.util.List;

/**
 * The parsed form of the iproute2 lines a scenario holds: one {@code ip route}, {@code ip rule},
 * {@code ip neigh} or {@code bridge fdb} line read by the {@code io.overlaysim.iproute} parsers,
 * whose errors point into the scenario file ({@code FILE:LINE:COL: expected ..., found ...})
 * thanks to {@link IpLine#tokens()}. Validation and the executor read the lines through the
 * same calls, so a scenario that validates builds.
 *
 * <pre>{@code
 * Route r = IpLines.route(line);   // throws ScenarioException at the offending token
 * }</pre>
 */
public final class IpLines {
    private IpLines() {
    }

    /** One {@code ip route} line (table main unless it says {@code table}). */
    public static Route route(IpLine line) {
        try {
            return new RouteTextParser(new TableNames(), false).parseRoute(line.tokens());
        } catch (DumpParseException e) {
            throw failure(e);
        }
    }

    /** One {@code ip rule} line as {@code ip rule show} prints it ({@code 100: from 10.0.0.0/8 lookup 100}). */
    public static Rule rule(IpLine line) {
        try {
            return RuleParser.parseRule(line.tokens(), new TableNames());
        } catch (DumpParseException e) {
            throw failure(e);
        }
    }

    /** One {@code ip neigh} line. */
    public static NeighbourEntry neighbour(IpLine line) {
        NeighbourEntry e;
        try {
            e = NeighbourParser.parse(line.at().file(), placed(line)).getFirst();
        } catch (DumpParseException ex) {
            throw failure(ex);
        }
        if (e.isIpv4() && e.lladdr() != null) {
            // the parser keeps any link-layer address as text (a tunnel's is an IPv4 address); an
            // Ethernet neighbour's must be a MAC
            try {
                MacAddress.parse(e.lladdr());
            } catch (AddressFormatException ex) {
                int col = line.at().column() + Math.max(0, line.text().indexOf(" " + e.lladdr()) + 1);
                throw new ScenarioException(List.of(new ScenarioError(new SourceLocation(line.at().file(),
                        line.at().line(), col), "expected a MAC address (aa:bb:cc:dd:ee:ff), found \"" + e.lladdr() + "\"")));
            }
        }
        return e;
    }

    /** One {@code bridge fdb} line. */
    public static FdbEntry fdb(IpLine line) {
        try {
            return FdbParser.parse(line.at().file(), placed(line)).getFirst();
        } catch (DumpParseException e) {
            throw failure(e);
        }
    }

    /**
     * The line placed at its line and column in an otherwise blank text: the neighbour and fdb
     * parsers read whole dumps (their one-line entry points are package-private) and skip blank
     * lines, so their errors still name the scenario file's line and column.
     */
    private static String placed(IpLine line) {
        return "\n".repeat(line.at().line() - 1) + " ".repeat(line.at().column() - 1) + line.text();
    }

    /** Parses {@code line} as a line of {@code kind} ("routes", "route", "rules", "neighbours", "fdb"). */
    static void parse(String kind, IpLine line) {
        switch (kind) {
            case "routes", "route" -> route(line);
            case "rules" -> rule(line);
            case "neighbours" -> neighbour(line);
            case "fdb" -> fdb(line);
            default -> throw new IllegalArgumentException("unknown kind of ip line: " + kind);
        }
    }

    private static ScenarioException failure(DumpParseException e) {
        return new ScenarioException(List.of(new ScenarioError(
                new SourceLocation(e.file(), e.line(), e.column()), messageOf(e))));
    }

    /** The parser's message without its {@code FILE:LINE:COL: } prefix. */
    private static String messageOf(DumpParseException e) {
        String m = e.getMessage();
        String prefix = e.file() + ":" + e.line() + ":" + e.column() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
