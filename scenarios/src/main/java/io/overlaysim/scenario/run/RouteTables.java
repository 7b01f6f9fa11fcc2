package io.overlaysim.scenario.run;

import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.node.Node;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.TableNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** A node's routing tables as {@code ip route show table T} prints them, normalised by the route printer. */
final class RouteTables {
    private static final TableNames NAMES = new TableNames();
    private static final RoutePrinter PRINTER = new RoutePrinter(NAMES);

    private RouteTables() {
    }

    /** One route as the kernel would print it back ({@code ip route add} text in, {@code ip route} text out). */
    static String line(Route r) {
        return PRINTER.text(RoutePrinter.kernelForm(r.withTable(io.overlaysim.routing.TableNames.MAIN))).strip();
    }

    /** The lines of table {@code table}. */
    static List<String> lines(Node node, int table) {
        return node.routes().fib().routes().stream().filter(r -> r.table() == table).map(RouteTables::line).toList();
    }

    /** Every table, by name ({@code main}, {@code local}, or the number), in table order. */
    static SequencedMap<String, List<String>> all(Node node) {
        SequencedMap<String, List<String>> out = new LinkedHashMap<>();
        for (Route r : node.routes().fib().routes()) {
            out.computeIfAbsent(tableName(r.table()), k -> new java.util.ArrayList<>()).add(line(r));
        }
        // main first, as `ip route` shows it, then the rest
        SequencedMap<String, List<String>> ordered = new LinkedHashMap<>();
        if (out.containsKey("main")) {
            ordered.put("main", out.get("main"));
        }
        out.forEach(ordered::putIfAbsent);
        return ordered;
    }

    static String tableName(int id) {
        return switch (id) {
            case TableNames.MAIN -> "main";
            case TableNames.LOCAL -> "local";
            case TableNames.DEFAULT -> "default";
            default -> Integer.toString(id);
        };
    }
}
