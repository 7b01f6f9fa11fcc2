package io.overlaysim.tunnel;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The forwarding database of one VXLAN device ({@code struct vxlan_fdb}): which remote VTEP(s)
 * an inner destination MAC is sent to. Static entries come from {@code bridge fdb
 * add|append|replace MAC dst IP dev DEV self permanent}; the all-zeros MAC is the default for
 * unknown and broadcast destinations (flooded to each of its remotes); learned entries come
 * from received frames when learning is on and expire {@code ageing} seconds after their last
 * refresh.
 */
public final class VxlanFdb {
    /** The all-zeros MAC: the default entry ({@code all_zeros_mac}). */
    public static final long ALL_ZEROS = 0L;

    /** One remote of an entry: the VTEP address and, when given, the lower device ({@code via}). */
    public record Remote(int ip, String via) {
    }

    /** One entry, as {@code bridge fdb show dev DEV} prints it (one line per remote). */
    public static final class Entry {
        private final long mac;
        private final List<Remote> remotes = new ArrayList<>(1);
        private final boolean permanent;
        long updated;
        long used;

        Entry(long mac, boolean permanent, long now) {
            this.mac = mac;
            this.permanent = permanent;
            this.updated = now;
            this.used = now;
        }

        public long mac() {
            return mac;
        }

        public List<Remote> remotes() {
            return remotes;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    private final MacTable entries = new MacTable();
    private final List<Long> order = new ArrayList<>();
    private final long ageingNanos;

    VxlanFdb(int ageingSeconds) {
        this.ageingNanos = ageingSeconds * 1_000_000_000L;
    }

    /** {@code bridge fdb replace MAC dst IP self permanent}: the entry's only remote is {@code ip}. */
    public void replace(long mac, int ip, String via) {
        Entry e = new Entry(mac, true, 0);
        e.remotes.add(new Remote(ip, via));
        put(mac, e);
    }

    /** {@code bridge fdb append MAC dst IP self permanent}: one more remote (flooding to several VTEPs). */
    public void append(long mac, int ip, String via) {
        Entry e = entries.get(mac);
        if (e == null || !e.permanent) {
            e = new Entry(mac, true, 0);
            put(mac, e);
        }
        Remote r = new Remote(ip, via);
        if (!e.remotes.contains(r)) {
            e.remotes.add(r);
        }
    }

    public boolean delete(long mac) {
        order.remove(Long.valueOf(mac));
        return entries.remove(mac) != null;
    }

    private void put(long mac, Entry e) {
        if (entries.put(mac, e) == null) {
            order.add(mac);
        }
    }

    /** The live entry for {@code mac}, or null ({@code vxlan_find_mac}; a learned entry past its ageing is gone). */
    public Entry lookup(long mac, long now) {
        Entry e = entries.get(mac);
        if (e != null && !e.permanent && now >= e.updated + ageingNanos) {
            // vxlan_cleanup: the entry aged out
            delete(mac);
            return null;
        }
        return e;
    }

    /**
     * {@code vxlan_snoop}: a frame from {@code mac} arrived from VTEP {@code ip}. Returns true
     * when the frame must be dropped: a static entry for that MAC names another VTEP.
     */
    boolean snoop(long mac, int ip, long now) {
        if ((mac & 0x0100_0000_0000L) != 0 || mac == 0) {
            return false;
        }
        Entry e = lookup(mac, now);
        if (e != null) {
            Remote first = e.remotes.get(0);
            if (first.ip() == ip) {
                if (!e.permanent) {
                    e.updated = now;
                }
                return false;
            }
            if (e.permanent) {
                return true;
            }
            // a learned MAC moved to another VTEP
            e.remotes.set(0, new Remote(ip, null));
            e.updated = now;
            return false;
        }
        Entry learned = new Entry(mac, false, now);
        learned.remotes.add(new Remote(ip, null));
        put(mac, learned);
        return false;
    }

    /** The entries as {@code bridge fdb show dev DEV} lists the device's {@code self} entries, newest first. */
    public List<String> lines(long now) {
        List<String> out = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            Entry e = lookup(order.get(i), now);
            if (e == null) {
                continue;
            }
            for (Remote r : e.remotes) {
                out.add(new MacAddress(e.mac).toString() + " dst " + Ipv4Address.format(r.ip())
                        + (r.via() == null ? "" : " via " + r.via()) + " self" + (e.permanent ? " permanent" : ""));
            }
        }
        return out;
    }
}
