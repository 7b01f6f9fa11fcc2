package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Loc-RIB (RFC 4271 §3.2): per prefix every candidate route that passed import, and the best
 * of them by {@link BestPath}. Each change says whether the best route moved, which is what the
 * kernel table and the Adj-RIBs-Out must hear about. Lists come out in prefix order.
 *
 * <p>Compact, since a client of a 5,000-node cluster holds 10,000 prefixes of two paths each: the
 * state of a prefix lives in arrays indexed by its {@link PrefixIndex} number, a candidate is a
 * reference to a (shared) {@link BgpPath}: the path itself when it is the only one, else an
 * array of them, in arrival order (the first wins ties, as BIRD's list does).
 */
public final class LocRib {
    private final PrefixIndex index;
    /** Per prefix id: null, one BgpPath, or a BgpPath[] of two or more. */
    private Object[] candidates = new Object[16];
    private BgpPath[] best = new BgpPath[16];
    private int size;
    // What the last update or withdraw saw: the best before it, and the path it replaced or removed.
    private BgpPath lastBefore;
    private BgpPath lastReplaced;

    /** A change of a prefix's best route: {@code before} or {@code after} null when there was or is none. */
    public record BestChange(Ipv4Prefix prefix, BgpRoute before, BgpRoute after) {}

    public LocRib() {
        this(new PrefixIndex());
    }

    /** A Loc-RIB numbering its prefixes with a (shared) index. */
    public LocRib(PrefixIndex index) {
        this.index = index;
    }

    PrefixIndex index() {
        return index;
    }

    /** Adds or replaces the candidate from the same peer and path id; the best change, or null if none. */
    public BestChange update(BgpRoute route) {
        int id = index.id(route.prefix());
        return update(id, route.path()) ? change(id) : null;
    }

    /** Removes the candidate from this peer and path id; the best change, or null if none. */
    public BestChange withdraw(BgpPeer from, Ipv4Prefix prefix, int pathId) {
        int id = index.find(prefix);
        return id >= 0 && withdraw(id, from, pathId) ? change(id) : null;
    }

    private BestChange change(int id) {
        Ipv4Prefix p = index.prefix(id);
        return new BestChange(p, route(p, lastBefore), route(p, best[id]));
    }

    private static BgpRoute route(Ipv4Prefix p, BgpPath path) {
        return path == null ? null : new BgpRoute(p, path);
    }

    /**
     * Adds or replaces the candidate of {@code path}'s peer and path id for prefix {@code id}; true
     * when the best path changed. {@link #before} and {@link #replaced} tell the rest.
     */
    boolean update(int id, BgpPath path) {
        ensure(id);
        Object c = candidates[id];
        lastReplaced = null;
        if (c == null) {
            candidates[id] = path;
            size++;
        } else if (c instanceof BgpPath one) {
            if (one.sameSource(path.from(), path.pathId())) {
                lastReplaced = one;
                candidates[id] = path;
            } else {
                candidates[id] = new BgpPath[] {one, path};
            }
        } else {
            BgpPath[] cs = (BgpPath[]) c;
            int i = 0;
            while (i < cs.length && !cs[i].sameSource(path.from(), path.pathId())) {
                i++;
            }
            BgpPath[] next = Arrays.copyOf(cs, i < cs.length ? cs.length : cs.length + 1);
            lastReplaced = i < cs.length ? cs[i] : null;
            next[i] = path;
            candidates[id] = next;
        }
        return reselect(id);
    }

    /** Removes the candidate of this peer and path id; true when the best path changed. {@link #replaced} is what went. */
    boolean withdraw(int id, BgpPeer from, int pathId) {
        lastReplaced = null;
        lastBefore = id < best.length ? best[id] : null;
        if (id >= candidates.length || candidates[id] == null) {
            return false;
        }
        Object c = candidates[id];
        if (c instanceof BgpPath one) {
            if (!one.sameSource(from, pathId)) {
                return false;
            }
            lastReplaced = one;
            candidates[id] = null;
            size--;
        } else {
            BgpPath[] cs = (BgpPath[]) c;
            int i = 0;
            while (i < cs.length && !cs[i].sameSource(from, pathId)) {
                i++;
            }
            if (i == cs.length) {
                return false;
            }
            lastReplaced = cs[i];
            candidates[id] = without(cs, i);
        }
        return reselect(id);
    }

    private static Object without(BgpPath[] cs, int i) {
        if (cs.length == 2) {
            return cs[1 - i];
        }
        BgpPath[] next = new BgpPath[cs.length - 1];
        System.arraycopy(cs, 0, next, 0, i);
        System.arraycopy(cs, i + 1, next, i, cs.length - i - 1);
        return next;
    }

    /** The best path before the last update or withdraw. */
    BgpPath before() {
        return lastBefore;
    }

    /** The path the last update replaced, or the last withdraw removed; null when none. */
    BgpPath replaced() {
        return lastReplaced;
    }

    private boolean reselect(int id) {
        BgpPath before = best[id];
        lastBefore = before;
        BgpPath after = select(candidates[id]);
        best[id] = after;
        return !Objects.equals(before, after);
    }

    private static BgpPath select(Object c) {
        if (c == null || c instanceof BgpPath) {
            return (BgpPath) c;
        }
        BgpPath b = null;
        for (BgpPath p : (BgpPath[]) c) {
            if (b == null || BestPath.compare(p, b) < 0) {
                b = p;
            }
        }
        return b;
    }

    /** Removes every candidate of a peer (its session went down); the best changes, in prefix order. */
    public List<BestChange> withdrawAll(BgpPeer from) {
        List<Integer> changed = new ArrayList<>();
        List<BgpPath> before = new ArrayList<>();
        int n = Math.min(candidates.length, index.size());
        for (int id = 0; id < n; id++) {
            Object c = candidates[id];
            if (c == null) {
                continue;
            }
            BgpPath was = best[id];
            if (c instanceof BgpPath one) {
                if (!one.from().equals(from)) {
                    continue;
                }
                candidates[id] = null;
                size--;
            } else {
                Object next = c;
                BgpPath[] cs = (BgpPath[]) c;
                for (int i = cs.length - 1; i >= 0; i--) {
                    if (cs[i].from().equals(from)) {
                        next = next instanceof BgpPath[] arr ? without(arr, i) : null;
                    }
                }
                if (next == c) {
                    continue;
                }
                candidates[id] = next;
                if (next == null) {
                    size--;
                }
            }
            if (reselect(id)) {
                changed.add(id);
                before.add(was);
            }
        }
        Integer[] order = new Integer[changed.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> index.compare(changed.get(x), changed.get(y)));
        List<BestChange> out = new ArrayList<>(order.length);
        for (int i : order) {
            int id = changed.get(i);
            Ipv4Prefix p = index.prefix(id);
            out.add(new BestChange(p, route(p, before.get(i)), route(p, best[id])));
        }
        return out;
    }

    /** The best route to the prefix, or null. */
    public BgpRoute best(Ipv4Prefix prefix) {
        int id = index.find(prefix);
        return id < 0 || id >= best.length || best[id] == null ? null : new BgpRoute(index.prefix(id), best[id]);
    }

    /** The best path of prefix {@code id}, or null. */
    BgpPath bestPath(int id) {
        return id < best.length ? best[id] : null;
    }

    /** The candidate of this peer and path id for prefix {@code id}, or null. */
    BgpPath candidate(int id, BgpPeer from, int pathId) {
        Object c = id < candidates.length ? candidates[id] : null;
        if (c instanceof BgpPath one) {
            return one.sameSource(from, pathId) ? one : null;
        }
        if (c != null) {
            for (BgpPath p : (BgpPath[]) c) {
                if (p.sameSource(from, pathId)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Every candidate for the prefix. */
    public List<BgpRoute> candidates(Ipv4Prefix prefix) {
        int id = index.find(prefix);
        List<BgpRoute> out = new ArrayList<>(2);
        for (BgpPath p : paths(id)) {
            out.add(new BgpRoute(index.prefix(id), p));
        }
        return List.copyOf(out);
    }

    /** The candidates of prefix {@code id} (empty for none), in arrival order. */
    BgpPath[] paths(int id) {
        Object c = id >= 0 && id < candidates.length ? candidates[id] : null;
        return c == null ? new BgpPath[0] : c instanceof BgpPath one ? new BgpPath[] {one} : (BgpPath[]) c;
    }

    /** The best routes of all prefixes, in prefix order. */
    public List<BgpRoute> bestRoutes() {
        List<BgpRoute> out = new ArrayList<>(size);
        for (int id : candidateIds()) {
            out.add(new BgpRoute(index.prefix(id), best[id]));
        }
        return out;
    }

    /** The numbers of the prefixes that have a best route (the same as have candidates), in prefix order. */
    int[] candidateIds() {
        int n = Math.min(best.length, index.size());
        int[] ids = new int[size];
        int k = 0;
        for (int id = 0; id < n; id++) {
            if (best[id] != null) {
                ids[k++] = id;
            }
        }
        index.sort(ids, k);
        return ids;
    }

    /** How many prefixes have at least one candidate. */
    public int size() {
        return size;
    }

    private void ensure(int id) {
        if (id >= candidates.length) {
            // Straight to every prefix numbered so far: in a network whose speakers share an
            // index, each ends up with (nearly) all of them, and the arrays copied on the way
            // would be garbage that lived long enough to be costly to collect.
            int n = Math.max(Math.max(candidates.length * 2, id + 1), index.size());
            candidates = Arrays.copyOf(candidates, n);
            best = Arrays.copyOf(best, n);
        }
    }
}
