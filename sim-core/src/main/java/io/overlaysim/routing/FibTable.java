package io.overlaysim.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One IPv4 routing table in the FIB ({@code struct fib_table}): a {@link PrefixMap} from prefix
 * to a slot, each slot the aliases of that exact prefix in the kernel's order: TOS descending,
 * then priority (metric) ascending, then age ({@code fib_find_alias}, {@code fib_insert_alias}).
 */
final class FibTable {
    final int id;
    private final PrefixMap map;
    private final List<List<FibAlias>> slots = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();
    private int size;

    FibTable(int id, Supplier<PrefixMap> maps) {
        this.id = id;
        this.map = maps.get();
    }

    int size() {
        return size;
    }

    /** The aliases of exactly this prefix (empty when none). */
    List<FibAlias> aliases(int prefix, int length) {
        int slot = map.get(prefix, length);
        return slot < 0 ? List.of() : slots.get(slot);
    }

    /** The first alias with the same (tos, priority), or null: {@code ip route add} says EEXIST then. */
    FibAlias conflicting(int prefix, int length, int tos, long priority) {
        for (FibAlias a : aliases(prefix, length)) {
            if (a.tos == tos && a.priority == priority) {
                return a;
            }
        }
        return null;
    }

    /**
     * Inserts an alias: after every alias that sorts before or equal to it (append), or before
     * the first equal one ({@code prepend}).
     */
    void insert(FibAlias a, boolean append) {
        int slot = map.get(a.prefix, a.length);
        List<FibAlias> list;
        if (slot < 0) {
            list = new ArrayList<>(1);
            if (free.isEmpty()) {
                slot = slots.size();
                slots.add(list);
            } else {
                slot = free.remove(free.size() - 1);
                slots.set(slot, list);
            }
            map.put(a.prefix, a.length, slot);
        } else {
            list = slots.get(slot);
        }
        int pos = 0;
        while (pos < list.size()) {
            FibAlias o = list.get(pos);
            if (o.tos < a.tos) {
                break;
            }
            if (o.tos == a.tos && (append ? o.priority > a.priority : o.priority >= a.priority)) {
                break;
            }
            pos++;
        }
        list.add(pos, a);
        size++;
    }

    boolean remove(FibAlias a) {
        int slot = map.get(a.prefix, a.length);
        if (slot < 0) {
            return false;
        }
        List<FibAlias> list = slots.get(slot);
        if (!list.remove(a)) {
            return false;
        }
        size--;
        if (list.isEmpty()) {
            map.remove(a.prefix, a.length);
            slots.set(slot, null);
            free.add(slot);
        }
        return true;
    }

    /** The longest prefix of at most {@code maxLength} covering {@code addr}: {@code len << 32 | slot}, or -1. */
    long longest(int addr, int maxLength) {
        return map.lookup(addr, maxLength);
    }

    List<FibAlias> slot(int slot) {
        return slots.get(slot);
    }

    /** Every alias, prefix by prefix (for dumps and tests). */
    List<FibAlias> all() {
        List<FibAlias> out = new ArrayList<>();
        for (List<FibAlias> l : slots) {
            if (l != null) {
                out.addAll(l);
            }
        }
        return out;
    }
}
