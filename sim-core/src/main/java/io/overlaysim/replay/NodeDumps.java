package io.overlaysim.replay;

import io.overlaysim.iproute.AddrJsonParser;
import io.overlaysim.iproute.AddrParser;
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
import io.overlaysim.routing.RuleSet;
import io.overlaysim.routing.TableNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's dumps, parsed: what a folder named after the node holds, each file named after its
 * command ({@code ip-route.txt} or {@code ip-route-table-all.txt}, {@code ip-addr.txt},
 * {@code ip-link.txt}, {@code ip-rule.txt}, {@code ip-neigh.txt}, {@code bridge-fdb.txt};
 * {@code .json} for {@code -j} output). Only routes are required; what is absent is null. When
 * both forms of a file are there, the text one is read (it carries everything the JSON does).
 *
 * <pre>{@code
 * NodeDumps d = NodeDumps.read(Path.of("dumps/worker01"), false);
 * }</pre>
 *
 * @param node the node's name (the folder's)
 * @param files the files read, by the name they were read under
 * @param routes the routes ({@code ip route show table all} when given, else main)
 * @param tableAll whether the routes are {@code table all}
 * @param addresses {@code ip addr}'s IPv4 addresses, or null
 * @param addrLinks the link lines of {@code ip addr}, or null
 * @param links {@code ip link} / {@code ip -d link}, or null
 * @param rules {@code ip rule}, or null
 * @param tables the node's table names, as the route and rule dumps named them
 * @param neighbours {@code ip neigh}, or null
 * @param fdb {@code bridge fdb}, or null
 * @param warnings lenient mode: one {@code file:line:col} message per skipped line
 */
public record NodeDumps(String node, List<String> files, RouteDump routes, boolean tableAll,
                        List<InterfaceAddress> addresses, List<LinkInfo> addrLinks, List<LinkInfo> links,
                        RuleSet rules, TableNames tables, List<NeighbourEntry> neighbours, List<FdbEntry> fdb,
                        List<String> warnings) {

    /** The route files a node folder may hold, in order of preference. */
    public static final List<String> ROUTE_FILES = List.of("ip-route-table-all.txt", "ip-route-table-all.json",
            "ip-route.txt", "ip-route.json");

    /** Whether a folder holds a node's route dump. */
    public static boolean isNodeFolder(Path dir) {
        return ROUTE_FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /**
     * Reads and parses the dumps of a node folder; the node is named after the folder.
     *
     * @throws ReplayException when the folder holds no route dump
     * @throws DumpParseException on the first bad line (strict mode)
     */
    public static NodeDumps read(Path dir, boolean lenient) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String base : List.of("ip-route-table-all", "ip-route", "ip-addr", "ip-link", "ip-rule", "ip-neigh",
                "bridge-fdb")) {
            for (String ext : List.of(".txt", ".json")) {
                Path p = dir.resolve(base + ext);
                if (Files.isRegularFile(p)) {
                    files.put(p.toString(), read(p));
                }
            }
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return of(name == null ? dir.toString() : name.toString(), files, lenient);
    }

    /**
     * Parses a node's dumps given as file name to content; a file's kind is told by its base
     * name ({@code .../ip-addr.txt}).
     */
    public static NodeDumps of(String node, Map<String, String> files, boolean lenient) {
        Map<String, String> byBase = new LinkedHashMap<>();
        for (String f : files.keySet()) {
            String base = f.replace('\\', '/');
            byBase.put(base.substring(base.lastIndexOf('/') + 1), f);
        }
        List<String> read = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        TableNames tables = new TableNames();
        String routeFile = null;
        for (String r : ROUTE_FILES) {
            if (byBase.containsKey(r)) {
                routeFile = byBase.get(r);
                break;
            }
        }
        if (routeFile == null) {
            throw new ReplayException(node + ": no route dump (one of " + String.join(", ", ROUTE_FILES) + ")");
        }
        read.add(routeFile);
        String rt = files.get(routeFile);
        RouteDump routes = isJson(rt) ? new RouteJsonParser(tables, lenient).parse(routeFile, rt)
                : new RouteTextParser(tables, lenient).parse(routeFile, rt);
        warnings.addAll(routes.warnings());
        boolean tableAll = baseOf(routeFile).startsWith("ip-route-table-all");

        String addrFile = pick(byBase, "ip-addr", read);
        List<InterfaceAddress> addresses = null;
        List<LinkInfo> addrLinks = null;
        if (addrFile != null) {
            String t = files.get(addrFile);
            addresses = isJson(t) ? AddrJsonParser.parse(addrFile, t) : AddrParser.parse(addrFile, t);
            addrLinks = collect(LinkParser.parse(addrFile, t, lenient), warnings);
        }
        String linkFile = pick(byBase, "ip-link", read);
        List<LinkInfo> links = linkFile == null ? null : collect(LinkParser.parse(linkFile, files.get(linkFile), lenient), warnings);
        String ruleFile = pick(byBase, "ip-rule", read);
        RuleSet rules = null;
        if (ruleFile != null) {
            String t = files.get(ruleFile);
            rules = isJson(t) ? RuleJsonParser.parse(ruleFile, t, tables) : RuleParser.parse(ruleFile, t, tables);
        }
        String neighFile = pick(byBase, "ip-neigh", read);
        List<NeighbourEntry> neigh = neighFile == null ? null
                : collect(NeighbourParser.parse(neighFile, files.get(neighFile), lenient), warnings);
        String fdbFile = pick(byBase, "bridge-fdb", read);
        List<FdbEntry> fdb = fdbFile == null ? null : collect(FdbParser.parse(fdbFile, files.get(fdbFile), lenient), warnings);
        return new NodeDumps(node, read, routes, tableAll, addresses, addrLinks, links, rules, tables, neigh, fdb, warnings);
    }

    public NodeDumps {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    private static String pick(Map<String, String> byBase, String base, List<String> read) {
        for (String ext : List.of(".txt", ".json")) {
            String f = byBase.get(base + ext);
            if (f != null) {
                read.add(f);
                return f;
            }
        }
        return null;
    }

    private static <T> List<T> collect(ParsedDump<T> d, List<String> warnings) {
        d.warnings().forEach(w -> warnings.add(w.getMessage()));
        return d.entries();
    }

    private static String baseOf(String f) {
        String s = f.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** Whether a dump is {@code -j} output: its first line that is not a comment opens an array or object. */
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

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
