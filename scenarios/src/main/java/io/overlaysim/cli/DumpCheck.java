package io.overlaysim.cli;

import io.overlaysim.iproute.AddrJsonParser;
import io.overlaysim.iproute.AddrParser;
import io.overlaysim.iproute.DumpKind;
import io.overlaysim.iproute.DumpParseException;
import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.iproute.FdbParser;
import io.overlaysim.iproute.LinkInfo;
import io.overlaysim.iproute.LinkParser;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.iproute.NeighbourParser;
import io.overlaysim.iproute.ParsedDump;
import io.overlaysim.iproute.RouteDump;
import io.overlaysim.iproute.RouteJsonParser;
import io.overlaysim.iproute.RouteTextParser;
import io.overlaysim.iproute.RuleJsonParser;
import io.overlaysim.iproute.RuleParser;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code import --check} says of one dump file: a summary of what it holds
 * ({@code ip-route.txt: route (text): 12 routes in 2 tables}) and its bad lines, each as
 * {@code file:line:col: expected ..., found ...}. Lines are parsed leniently so that every bad
 * line is reported, not only the first.
 *
 * @param summary the summary line, or null when the file could not be read as a dump at all
 * @param problems one message per bad line (or the one fatal error)
 * @param fatal whether nothing could be read (undetectable kind, broken JSON)
 */
record DumpCheck(String summary, List<String> problems, boolean fatal) {

    static DumpCheck of(String file, String content) {
        var detected = DumpKind.detect(file, content);
        if (detected.isEmpty()) {
            return new DumpCheck(null, List.of(file + ": cannot tell which dump this is: name it after its command"
                    + " (ip-route.txt, ip-addr.txt, ip-link.txt, ip-rule.txt, ip-neigh.txt, bridge-fdb.txt, .json for -j)"), true);
        }
        DumpKind kind = detected.get().kind();
        boolean json = detected.get().json();
        String label = file + ": " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + (json ? "json" : "text") + "): ";
        List<String> problems = new ArrayList<>();
        try {
            String what = switch (kind) {
                case ROUTE, ROUTE_TABLE_ALL, MONITOR -> routes(kind, file, content, json, problems);
                case ADDR -> {
                    List<InterfaceAddress> a = json ? AddrJsonParser.parse(file, content) : AddrParser.parse(file, content);
                    List<LinkInfo> links = collect(LinkParser.parse(file, content, true), problems);
                    yield a.size() + " IPv4 addresses on " + links.size() + " devices";
                }
                case LINK -> {
                    List<LinkInfo> links = collect(LinkParser.parse(file, content, true), problems);
                    Map<String, Integer> kinds = new TreeMap<>();
                    links.stream().filter(l -> l.kind() != null).forEach(l -> kinds.merge(l.kind().name(), 1, Integer::sum));
                    yield links.size() + " devices" + (kinds.isEmpty() ? "" : " (" + kinds.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey()).reduce((x, y) -> x + ", " + y).orElse("") + ")");
                }
                case RULE -> {
                    TableNames t = new TableNames();
                    int n = (json ? RuleJsonParser.parse(file, content, t) : RuleParser.parse(file, content, t)).size();
                    yield n + " rules";
                }
                case NEIGH -> {
                    List<NeighbourEntry> n = collect(NeighbourParser.parse(file, content, true), problems);
                    yield n.size() + " neighbours (" + n.stream().filter(NeighbourEntry::isPermanent).count() + " permanent)";
                }
                case FDB -> {
                    List<FdbEntry> f = collect(FdbParser.parse(file, content, true), problems);
                    yield f.size() + " FDB entries (" + f.stream().filter(e -> e.dst() != null).count() + " to a remote VTEP)";
                }
            };
            return new DumpCheck(label + what, problems, false);
        } catch (DumpParseException e) {
            problems.add(e.getMessage());
            return new DumpCheck(null, problems, true);
        }
    }

    private static String routes(DumpKind kind, String file, String content, boolean json, List<String> problems) {
        TableNames t = new TableNames();
        RouteDump d = json ? new RouteJsonParser(t, true).parse(file, content) : new RouteTextParser(t, true).parse(file, content);
        problems.addAll(d.warnings());
        if (kind == DumpKind.MONITOR) {
            long deleted = d.entries().stream().filter(RouteDump.Entry::deleted).count();
            return d.entries().size() + " changes (" + (d.entries().size() - deleted) + " added, " + deleted + " deleted)";
        }
        List<Route> routes = d.routes();
        long tables = routes.stream().mapToInt(Route::table).distinct().count();
        long v6 = routes.stream().filter(r -> !r.isV4()).count();
        return routes.size() + " routes in " + tables + (tables == 1 ? " table" : " tables") + (v6 > 0 ? " (" + v6 + " IPv6)" : "");
    }

    private static <T> List<T> collect(ParsedDump<T> d, List<String> problems) {
        d.warnings().forEach(w -> problems.add(w.getMessage()));
        return d.entries();
    }
}
