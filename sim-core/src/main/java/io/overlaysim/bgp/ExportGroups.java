package io.overlaysim.bgp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The UPDATEs of one flush, remembered per kind of neighbor, so that a neighbor in the same
 * state is sent the same bytes without deciding again (FRR's update groups, found afresh at each
 * flush rather than configured). What a neighbor is sent for a changed prefix depends only on the
 * best path, on the neighbor's kind (internal or not, route reflector client, next hop self) and
 * on whether the path came from that very neighbor; so two neighbors of one kind and session
 * context that had been sent the same attribute sets for the changed prefixes, neither the source
 * of one of them, get the same UPDATEs. A route reflector of 5,000 clients decides once per flush,
 * not 5,000 times.
 */
final class ExportGroups {
    private record Group(boolean internal, boolean rrClient, boolean nextHopSelf, SessionContext ctx,
                         PathAttributes[] sentBefore, PathAttributes[] wanted, List<byte[]> updates) {}

    private final BgpSpeaker speaker;
    private final int[] ids;
    private final List<Group> groups = new ArrayList<>(2);
    private Set<Integer> sources;

    ExportGroups(BgpSpeaker speaker, int[] ids) {
        this.speaker = speaker;
        this.ids = ids;
    }

    /** Whether a changed prefix's best path came from this neighbor (then it is not sent back). */
    private boolean source(BgpNeighbor n) {
        if (sources == null) {
            sources = new HashSet<>();
            for (int id : ids) {
                BgpPath p = speaker.effectivePath(id);
                if (p != null && p.from() != speaker.self()) {
                    sources.add(p.from().address().bits());
                }
            }
        }
        return sources.contains(n.config().address().bits());
    }

    /** The UPDATEs for {@code n} on the changed prefixes: those of an equal neighbor, or decided now. */
    List<byte[]> updates(BgpNeighbor n, AdjRibOut out, SessionContext ctx) {
        boolean internal = n.internal();
        boolean rrClient = n.config().rrClient();
        boolean nextHopSelf = n.config().nextHopSelf();
        boolean shareable = !source(n);
        Group same = null;
        if (shareable) {
            for (Group g : groups) {
                if (g.internal == internal && g.rrClient == rrClient && g.nextHopSelf == nextHopSelf && g.ctx == ctx) {
                    same = g;
                    break;
                }
            }
            if (same != null && out.sentAre(ids, same.sentBefore)) {
                out.storeAll(ids, same.wanted);
                return same.updates;
            }
        }
        PathAttributes[] sentBefore = shareable && same == null ? out.sentOf(ids) : null;
        PathAttributes[] wanted = new PathAttributes[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wanted[i] = speaker.wanted(n, ids[i]);
        }
        List<byte[]> updates = encode(out.sync(ids, ids.length, wanted, ctx), ctx);
        if (sentBefore != null) {
            groups.add(new Group(internal, rrClient, nextHopSelf, ctx, sentBefore, wanted, updates));
        }
        return updates;
    }

    /** The whole table for a neighbor whose session just came up: decided for it alone. */
    List<byte[]> feed(BgpNeighbor n, AdjRibOut out, SessionContext ctx) {
        int[] all = speaker.effectiveIds();
        PathAttributes[] wanted = new PathAttributes[all.length];
        for (int i = 0; i < all.length; i++) {
            wanted[i] = speaker.wanted(n, all[i]);
        }
        return encode(out.sync(all, all.length, wanted, ctx), ctx);
    }

    private List<byte[]> encode(List<AdjRibOut.Out> outs, SessionContext ctx) {
        List<byte[]> bytes = new ArrayList<>(outs.size());
        for (AdjRibOut.Out o : outs) {
            bytes.add(speaker.encode(o, ctx));
        }
        return bytes;
    }
}
