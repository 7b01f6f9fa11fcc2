package io.overlaysim.tunnel;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import java.util.ArrayList;
import java.util.Collections;
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
        private final List<Remote> view = Collections.unmodifiableList(remotes);
        // the first remote's address, what a unicast transmit needs: one load instead of list, array and record
        private int firstIp;
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

        /** The remotes, in the order added (read-only: the FDB's own methods change them). */
        public List<Remote> remotes() {
            return view;
        }

        /** The first remote's VTEP address ({@code first_remote_rcu}): where a unicast frame goes. */
        public int firstRemoteIp() {
            return firstIp;
        }

        private void addRemote(Remote r) {
            remotes.add(r);
            firstIp = remotes.get(0).ip();
        }

        private void setFirstRemote(Remote r) {
            remotes.set(0, r);
            firstIp = r.ip();
        }

        public boolean permanent() {
            return permanent;
        }
    }

    private final MacTable entries = new MacTable();
    // the last entry looked up (a device sends to the same few MACs in bursts): reset by every put and delete
    private long lastMac = -1;
    private Entry lastEntry;
    private final List<Long> order = new ArrayList<>();
    private final long ageingNanos;

    VxlanFdb(int ageingSeconds) {
        this.ageingNanos = ageingSeconds * 1_000_000_000L;
    }

    /** {@code bridge fdb replace MAC dst IP self permanent}: the entry's only remote is {@code ip}. */
    public void replace(long mac, int ip, String via) {
        Entry e = new Entry(mac, true, 0);
        e.addRemote(new Remote(ip, via));
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
            e.addRemote(r);
        }
    }

    public boolean delete(long mac) {
        lastEntry = null;
        order.remove(Long.valueOf(mac));
        return entries.remove(mac) != null;
    }

    private void put(long mac, Entry e) {
        lastEntry = null;
        if (entries.put(mac, e) == null) {
            order.add(mac);
        }
    }

    /** The live entry for {@code mac}, or null ({@code vxlan_find_mac}; a learned entry past its ageing is gone). */
    public Entry lookup(long mac, long now) {
        Entry e = lastEntry;
        if (e == null || lastMac != mac) {
            e = entries.get(mac);
            lastMac = mac;
            lastEntry = e;
        }
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
            e.setFirstRemote(new Remote(ip, null));
            e.updated = now;
            return false;
        }
        Entry learned = new Entry(mac, false, now);
        learned.addRemote(new Remote(ip, null));
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
