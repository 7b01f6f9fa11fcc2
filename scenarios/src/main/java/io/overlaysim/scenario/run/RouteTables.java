package io.overlaysim.scenario.run;

import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.node.Node;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.TableNames;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A node's routing tables as {@code ip route show table T} prints them, normalised by the route printer. */
final class RouteTables {
    private static final RoutePrinter PRINTER = new RoutePrinter(new TableNames());
    private static final Pattern TABLE_WORD = Pattern.compile(" table \\S+");
    /**
     * The kernel's dump order of a table ({@code fib_table_dump} walks the trie by key, and a
     * leaf's aliases longest prefix first, see {@code fib_insert_alias}); stable for the rest.
     */
    private static final Comparator<Route> DUMP_ORDER = Comparator
            .comparingLong((Route r) -> r.destination().v4().bits() & 0xffffffffL)
            .thenComparing(Comparator.comparingInt((Route r) -> r.destination().v4().length()).reversed());

    private RouteTables() {
    }

    /**
     * One route as {@code ip route show table T} prints it, without the {@code table} word:
     * {@code ip route add} text in, the kernel's text out.
     */
    static String line(Route r) {
        return TABLE_WORD.matcher(PRINTER.text(RoutePrinter.kernelForm(r))).replaceFirst("").strip();
    }

    /** The lines of table {@code table}, in dump order. */
    static List<String> lines(Node node, int table) {
        return node.routes().fib().routes().stream().filter(r -> r.isV4() && r.table() == table).sorted(DUMP_ORDER)
                .map(RouteTables::line).toList();
    }

    /** Every table by name: {@code main} first, as {@code ip route} shows it, then by table id ({@code local} last). */
    static SequencedMap<String, List<String>> all(Node node) {
        TreeSet<Integer> ids = new TreeSet<>();
        node.routes().fib().routes().stream().filter(Route::isV4).forEach(r -> ids.add(r.table()));
        SequencedMap<String, List<String>> out = new LinkedHashMap<>();
        if (ids.remove(TableNames.MAIN)) {
            out.put("main", lines(node, TableNames.MAIN));
        }
        for (int id : ids) {
            out.put(tableName(id), lines(node, id));
        }
        return out;
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
