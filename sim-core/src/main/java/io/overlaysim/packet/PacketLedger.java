package io.overlaysim.packet;

import java.util.EnumMap;
import java.util.Map;

/**
 * The run's account of every packet: each one created gets an id here and ends delivered,
 * dropped with a {@link DropReason}, consumed (turned into other packets: fragmented,
 * reassembled, encapsulated copies), or is still in flight when the run stops. Only counts are
 * kept, so a run of millions of packets stays flat in memory; per-id records are the trace's
 * business.
 *
 * <pre>{@code
 * long id = ledger.create();      // an application send, an ICMP error, an ARP request, a fragment
 * ledger.drop(id, DropReason.NO_ROUTE);
 * ledger.summary().balanced();    // created == delivered + dropped + consumed + inFlight
 * }</pre>
 */
public final class PacketLedger {
    private long nextId = 1;
    private long delivered;
    private long consumed;
    private final long[] dropped = new long[DropReason.values().length];
    private long droppedTotal;

    /** Allocates the id of a new packet. */
    public long create() {
        return nextId++;
    }

    /** Gives {@code p} a new id and returns it. */
    public long create(PacketBuffer p) {
        long id = nextId++;
        p.setId(id);
        return id;
    }

    public void deliver(long id) {
        delivered++;
    }

    public void drop(long id, DropReason reason) {
        dropped[reason.ordinal()]++;
        droppedTotal++;
    }

    public void consume(long id) {
        consumed++;
    }

    public long created() {
        return nextId - 1;
    }

    /** The counts now. */
    public Summary summary() {
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            if (dropped[r.ordinal()] != 0) {
                d.put(r, dropped[r.ordinal()]);
            }
        }
        long created = created();
        return new Summary(created, delivered, consumed, droppedTotal, d, created - delivered - consumed - droppedTotal);
    }

    /**
     * The ledger's counts.
     *
     * @param inFlight packets neither delivered, dropped nor consumed (queued, on a wire, waiting
     *     for ARP or reassembly)
     */
    public record Summary(long created, long delivered, long consumed, long dropped, Map<DropReason, Long> drops,
            long inFlight) {
        public Summary {
            drops = Map.copyOf(drops);
        }

        public long dropped(DropReason r) {
            return drops.getOrDefault(r, 0L);
        }

        /** The summary as a run prints it: {@code packets: 12 created, 9 delivered, ...}. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append("packets: ").append(created).append(" created, ").append(delivered).append(" delivered, ")
                    .append(dropped).append(" dropped, ").append(consumed).append(" consumed, ").append(inFlight)
                    .append(" in flight");
            for (DropReason r : DropReason.values()) {
                Long n = drops.get(r);
                if (n != null) {
                    sb.append("\n  dropped ").append(r.label()).append(": ").append(n);
                }
            }
            return sb.toString();
        }
    }
}
