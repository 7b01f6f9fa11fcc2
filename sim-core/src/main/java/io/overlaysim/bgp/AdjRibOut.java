package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one peer has been told and what it still must be told (RFC 4271 §3.2 Adj-RIB-Out):
 * advertising the same attributes again, or withdrawing what was never sent, is a no-op.
 * {@link #drain} turns the pending changes into UPDATEs, prefixes with equal attributes sharing
 * one (as BIRD's buckets do), withdrawals first, each UPDATE within the session's size limit.
 */
public final class AdjRibOut {
    private final Map<Ipv4Prefix, List<PathAttribute>> advertised = new HashMap<>();
    /** Prefix → attributes to announce, or an empty list to withdraw. Sorted for determinism. */
    private final Map<Ipv4Prefix, List<PathAttribute>> pending = new TreeMap<>();

    public void advertise(Ipv4Prefix prefix, List<PathAttribute> attributes) {
        List<PathAttribute> attrs = List.copyOf(attributes);
        if (attrs.equals(advertised.get(prefix))) {
            pending.remove(prefix);
        } else {
            pending.put(prefix, attrs);
        }
    }

    public void withdraw(Ipv4Prefix prefix) {
        if (advertised.containsKey(prefix)) {
            pending.put(prefix, List.of());
        } else {
            pending.remove(prefix);
        }
    }

    /** The attributes last sent for the prefix, or null. */
    public List<PathAttribute> advertised(Ipv4Prefix prefix) {
        return advertised.get(prefix);
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The UPDATEs that bring the peer up to date; afterwards nothing is pending. */
    public List<UpdateMessage> drain(SessionContext ctx) {
        List<Nlri> withdrawals = new ArrayList<>();
        Map<List<PathAttribute>, List<Nlri>> groups = new LinkedHashMap<>();
        for (var e : pending.entrySet()) {
            if (e.getValue().isEmpty()) {
                withdrawals.add(Nlri.of(e.getKey()));
                advertised.remove(e.getKey());
            } else {
                groups.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(Nlri.of(e.getKey()));
                advertised.put(e.getKey(), e.getValue());
            }
        }
        pending.clear();
        List<UpdateMessage> out = new ArrayList<>();
        split(List.of(), withdrawals, ctx, out, true);
        groups.forEach((attrs, nlri) -> split(attrs, nlri, ctx, out, false));
        return out;
    }

    private static void split(List<PathAttribute> attrs, List<Nlri> nlri, SessionContext ctx, List<UpdateMessage> out,
                              boolean withdraw) {
        if (nlri.isEmpty()) {
            return;
        }
        int room = ctx.maxMessageLength() - BgpCodec.HEADER_LENGTH - 4;
        for (PathAttribute a : attrs) {
            room -= AttributeCodec.length(a, ctx);
        }
        int per = ctx.addPath(AfiSafi.IPV4_UNICAST) ? 9 : 5;
        int chunk = Math.max(1, room / per);
        for (int i = 0; i < nlri.size(); i += chunk) {
            List<Nlri> part = nlri.subList(i, Math.min(nlri.size(), i + chunk));
            out.add(withdraw ? new UpdateMessage(part, List.of(), List.of()) : new UpdateMessage(List.of(), attrs, part));
        }
    }
}
