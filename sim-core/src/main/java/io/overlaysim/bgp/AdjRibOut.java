package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one peer has been told and what it still must be told (RFC 4271 §3.2 Adj-RIB-Out):
 * advertising the same attributes again, or withdrawing what was never sent, is a no-op.
 * {@link #drain} turns the pending changes into UPDATEs, prefixes with equal attributes sharing
 * one (as BIRD's buckets do), withdrawals first, each UPDATE within the session's size limit.
 *
 * <p>Compact, since a route reflector of 5,000 clients holds 5,000 of these with 10,000
 * prefixes each: what was sent is one reference to an interned {@link PathAttributes} per
 * prefix, in an array indexed by {@link PrefixIndex} number (from the lowest number used);
 * what is pending is a small map by number, emptied by each drain.
 */
public final class AdjRibOut {
    private static final Object WITHDRAW = new Object();

    private final RouteInterner interner;
    private final PrefixIndex index;
    /** Per prefix id - base: the attributes last sent, or null. */
    private PathAttributes[] advertised = new PathAttributes[0];
    private int base;
    private int count;
    /** Prefix id → attributes to announce, or WITHDRAW. */
    private final IntObjectMap<Object> pending = new IntObjectMap<>();

    /** One UPDATE to send: attributes (null for a withdrawal) and the message. */
    record Out(PathAttributes attributes, UpdateMessage message) {}

    public AdjRibOut() {
        this(new RouteInterner());
    }

    AdjRibOut(RouteInterner interner) {
        this.interner = interner;
        this.index = interner.prefixes();
    }

    public void advertise(Ipv4Prefix prefix, List<PathAttribute> attributes) {
        advertise(index.id(prefix), interner.attributes(attributes));
    }

    public void withdraw(Ipv4Prefix prefix) {
        withdraw(index.id(prefix));
    }

    void advertise(int id, PathAttributes attrs) {
        PathAttributes sent = sent(id);
        if (sent == attrs || attrs.equals(sent)) {
            pending.remove(id);
        } else {
            pending.put(id, attrs);
        }
    }

    void withdraw(int id) {
        if (sent(id) != null) {
            pending.put(id, WITHDRAW);
        } else {
            pending.remove(id);
        }
    }

    /** The attributes last sent for the prefix, or null. */
    public List<PathAttribute> advertised(Ipv4Prefix prefix) {
        int id = index.find(prefix);
        PathAttributes a = id < 0 ? null : sent(id);
        return a == null ? null : a.list();
    }

    /** How many prefixes the peer has been told about. */
    public int size() {
        return count;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    private PathAttributes sent(int id) {
        int i = id - base;
        return i >= 0 && i < advertised.length ? advertised[i] : null;
    }

    private void store(int id, PathAttributes a) {
        if (advertised.length == 0) {
            base = id;
            advertised = new PathAttributes[4];
        } else if (id < base) {
            int grow = Math.max(base - id, advertised.length);
            int newBase = Math.max(0, base - grow);
            PathAttributes[] next = new PathAttributes[advertised.length + (base - newBase)];
            System.arraycopy(advertised, 0, next, base - newBase, advertised.length);
            advertised = next;
            base = newBase;
        } else if (id - base >= advertised.length) {
            // Straight to every prefix numbered so far, as LocRib grows.
            advertised = Arrays.copyOf(advertised, Math.max(Math.max(advertised.length * 2, id - base + 1), index.size() - base));
        }
        PathAttributes old = advertised[id - base];
        advertised[id - base] = a;
        count += (a != null ? 1 : 0) - (old != null ? 1 : 0);
    }

    /** The UPDATEs that bring the peer up to date; afterwards nothing is pending. */
    public List<UpdateMessage> drain(SessionContext ctx) {
        List<UpdateMessage> out = new ArrayList<>();
        for (Out o : drainOut(ctx)) {
            out.add(o.message());
        }
        return out;
    }

    /** {@link #drain}, each UPDATE with its interned attributes (for encoding it once for many peers). */
    List<Out> drainOut(SessionContext ctx) {
        List<Out> out = new ArrayList<>();
        if (pending.isEmpty()) {
            return out;
        }
        int[] order = pending.keys();
        index.sort(order, order.length);
        List<Nlri> withdrawals = new ArrayList<>();
        Map<PathAttributes, List<Nlri>> groups = new LinkedHashMap<>();
        for (int id : order) {
            Object v = pending.get(id);
            Nlri n = new Nlri(0, index.bits(id), index.length(id));
            if (v == WITHDRAW) {
                withdrawals.add(n);
                store(id, null);
            } else {
                PathAttributes a = (PathAttributes) v;
                groups.computeIfAbsent(a, k -> new ArrayList<>()).add(n);
                store(id, a);
            }
        }
        pending.clear();
        split(null, withdrawals, ctx, out);
        groups.forEach((attrs, nlri) -> split(attrs, nlri, ctx, out));
        return out;
    }

    /**
     * Brings the peer up to date on these prefixes (numbers in prefix order): {@code wanted[i]} is
     * what it should now have for {@code ids[i]} (null: nothing). The same UPDATEs as {@link #advertise} or
     * {@link #withdraw} of each, then {@link #drainOut}; the speaker uses this to decide at flush
     * time, once per prefix and neighbor, instead of keeping a pending table per neighbor.
     */
    List<Out> sync(int[] ids, int count, PathAttributes[] wanted, SessionContext ctx) {
        List<Out> out = new ArrayList<>();
        List<Nlri> withdrawals = new ArrayList<>();
        Map<PathAttributes, List<Nlri>> groups = new LinkedHashMap<>();
        PathAttributes lastAttrs = null;
        List<Nlri> lastGroup = null;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            PathAttributes want = wanted[i];
            PathAttributes sent = sent(id);
            if (want == sent || want != null && want.equals(sent)) {
                continue;
            }
            Nlri n = new Nlri(0, index.bits(id), index.length(id));
            if (want == null) {
                withdrawals.add(n);
            } else {
                if (want != lastAttrs) {
                    lastAttrs = want;
                    lastGroup = groups.computeIfAbsent(want, k -> new ArrayList<>());
                }
                lastGroup.add(n);
            }
            store(id, want);
        }
        split(null, withdrawals, ctx, out);
        groups.forEach((attrs, nlri) -> split(attrs, nlri, ctx, out));
        return out;
    }

    /** What was sent for each of these prefixes (null: nothing). */
    PathAttributes[] sentOf(int[] ids) {
        PathAttributes[] out = new PathAttributes[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = sent(ids[i]);
        }
        return out;
    }

    /** Whether what was sent for these prefixes is, object for object, {@code sent}. */
    boolean sentAre(int[] ids, PathAttributes[] sent) {
        for (int i = 0; i < ids.length; i++) {
            if (sent(ids[i]) != sent[i]) {
                return false;
            }
        }
        return true;
    }

    /** Records one prefix's attributes as sent (null: nothing). */
    void set(int id, PathAttributes a) {
        if (sent(id) != a) {
            store(id, a);
        }
    }

    /** Records these as sent: the effect of a {@link #sync} whose UPDATEs another neighbor's computed. */
    void storeAll(int[] ids, PathAttributes[] wanted) {
        for (int i = 0; i < ids.length; i++) {
            if (sent(ids[i]) != wanted[i]) {
                store(ids[i], wanted[i]);
            }
        }
    }

    static void split(PathAttributes attrs, List<Nlri> nlri, SessionContext ctx, List<Out> out) {
        if (nlri.isEmpty()) {
            return;
        }
        int room = ctx.maxMessageLength() - BgpCodec.HEADER_LENGTH - 4 - (attrs == null ? 0 : attrs.wireLength(ctx));
        int per = ctx.addPath(AfiSafi.IPV4_UNICAST) ? 9 : 5;
        int chunk = Math.max(1, room / per);
        for (int i = 0; i < nlri.size(); i += chunk) {
            List<Nlri> part = nlri.subList(i, Math.min(nlri.size(), i + chunk));
            out.add(new Out(attrs, attrs == null ? new UpdateMessage(part, List.of(), List.of())
                    : new UpdateMessage(List.of(), attrs.list(), part)));
        }
    }
}
