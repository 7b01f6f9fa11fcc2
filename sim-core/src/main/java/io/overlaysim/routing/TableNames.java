package io.overlaysim.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routing table names and ids, as {@code /etc/iproute2/rt_tables} maps them: {@code local} 255,
 * {@code main} 254, {@code default} 253, {@code unspec} 0, numbers as themselves, and names met
 * in a dump ({@code table mgmt1}) given ids in order of first appearance, from 10000 up so that
 * they collide with no numbered table a dump is likely to use. One registry per node: no
 * global state.
 */
public final class TableNames {
    public static final int UNSPEC = 0;
    public static final int DEFAULT = 253;
    public static final int MAIN = 254;
    public static final int LOCAL = 255;
    private static final int FIRST_ASSIGNED = 10000;

    private final Map<String, Integer> byName = new LinkedHashMap<>();
    private final Map<Integer, String> byId = new LinkedHashMap<>();
    private int next = FIRST_ASSIGNED;

    public TableNames() {
        define("unspec", UNSPEC);
        define("default", DEFAULT);
        define("main", MAIN);
        define("local", LOCAL);
    }

    /** Adds a name (an {@code rt_tables} line). */
    public void define(String name, int id) {
        byName.put(name, id);
        byId.putIfAbsent(id, name);
    }

    /** The id of a name or number, giving an unknown name the next free id; null for junk. */
    public Integer id(String nameOrNumber) {
        Integer known = byName.get(nameOrNumber);
        if (known != null) {
            return known;
        }
        Long n = Numbers.parseLong(nameOrNumber);
        if (n != null) {
            return (int) (long) n;
        }
        if (!isName(nameOrNumber)) {
            return null;
        }
        while (byId.containsKey(next)) {
            next++;
        }
        define(nameOrNumber, next);
        return next++;
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** The name iproute2 prints for an id: its name when it has one, else the number. */
    public String name(int id) {
        String n = byId.get(id);
        return n != null ? n : Integer.toUnsignedString(id);
    }
}
