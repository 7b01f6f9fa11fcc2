package io.overlaysim.bgp;

import java.util.List;

/**
 * How a speaker takes in an UPDATE (RFC 4271 §9.1): withdrawals, then announcements, with the
 * loop checks (AS_PATH for eBGP, ORIGINATOR_ID and CLUSTER_LIST for iBGP, RFC 4456 §8) into its
 * Loc-RIB, each change of a best route announced. Either from a decoded {@link UpdateMessage}, or
 * straight from the bytes of a well-formed one ({@link #wire}), which a route reflector's
 * clients receive by the million.
 */
final class UpdateImport {
    private final BgpSpeaker speaker;
    private final RouteInterner interner;
    private final PrefixIndex prefixes;
    private final LocRib rib;
    /** The number of the prefix after the last one imported: likely the next one's. */
    private int nextId;

    UpdateImport(BgpSpeaker speaker) {
        this.speaker = speaker;
        this.interner = speaker.interner();
        this.prefixes = interner.prefixes();
        this.rib = speaker.locRib();
    }

    /** Imports an UPDATE: withdrawals, then announcements (RFC 4271 §9.1); or all of it as withdrawn. */
    void update(BgpNeighbor n, UpdateMessage u, boolean treatAsWithdraw) {
        BgpPeer from = n.adjRibIn().peer();
        List<Nlri> withdrawn = u.withdrawn();
        for (int i = 0, k = withdrawn.size(); i < k; i++) {
            withdraw(from, withdrawn.get(i));
        }
        List<Nlri> nlri = u.nlri();
        if (nlri.isEmpty()) {
            return;
        }
        PathAttributes attrs = interner.attributes(u.attributes());
        if (treatAsWithdraw || looped(n, attrs)) {
            for (int i = 0, k = nlri.size(); i < k; i++) {
                withdraw(from, nlri.get(i));
            }
            return;
        }
        BgpPath path = null;
        for (int i = 0, k = nlri.size(); i < k; i++) {
            Nlri a = nlri.get(i);
            if (path == null || path.pathId() != a.pathId()) {
                path = interner.path(from, a.pathId(), attrs, 100, 0);
            }
            int id = prefixes.id(a.bits(), a.length());
            if (rib.update(id, path) && !speaker.originates(id)) {
                speaker.announce(id, rib.before(), rib.bestPath(id));
            }
        }
    }

    private void withdraw(BgpPeer from, Nlri w) {
        withdraw(from, w.bits(), w.length(), w.pathId());
    }

    private void withdraw(BgpPeer from, int bits, int length, int pathId) {
        int id = prefixes.find(bits, length);
        if (id >= 0 && rib.withdraw(id, from, pathId) && !speaker.originates(id)) {
            speaker.announce(id, rib.before(), rib.bestPath(id));
        }
    }

    /**
     * {@link #update} of a well-formed UPDATE read straight from its bytes: the withdrawn
     * routes in {@code b[wFrom, wTo)}, the NLRI in {@code b[nFrom, nTo)} (both checked by
     * {@link NlriCodec#valid}), with the interned attributes its attribute bytes stand for
     * (null when it has no NLRI). The same steps, without an object per route.
     */
    void wire(BgpNeighbor n, byte[] b, int wFrom, int wTo, PathAttributes attrs, int nFrom, int nTo, boolean addPath) {
        BgpPeer from = n.adjRibIn().peer();
        for (int p = wFrom; p < wTo; ) {
            int pathId = addPath ? Bytes.i32(b, p) : 0;
            p += addPath ? 4 : 0;
            int length = Bytes.u8(b, p);
            withdraw(from, NlriCodec.bitsAt(b, p), length, pathId);
            p += 1 + (length + 7) / 8;
        }
        if (nFrom == nTo) {
            return;
        }
        boolean loop = looped(n, attrs);
        BgpPath path = null;
        for (int p = nFrom; p < nTo; ) {
            int pathId = addPath ? Bytes.i32(b, p) : 0;
            p += addPath ? 4 : 0;
            int length = Bytes.u8(b, p);
            int bits = NlriCodec.bitsAt(b, p);
            p += 1 + (length + 7) / 8;
            if (loop) {
                withdraw(from, bits, length, pathId);
                continue;
            }
            if (path == null || path.pathId() != pathId) {
                path = interner.path(from, pathId, attrs, 100, 0);
            }
            // An UPDATE lists its prefixes in order, and prefixes are numbered as first seen, mostly in
            // order too: try the number after the last one before the hash table (a cache miss each).
            int id = prefixes.is(nextId, bits, length) ? nextId : prefixes.id(bits, length);
            nextId = id + 1;
            if (rib.update(id, path) && !speaker.originates(id)) {
                speaker.announce(id, rib.before(), rib.bestPath(id));
            }
        }
    }

    /**
     * The loop checks: our AS in an eBGP route's AS_PATH (RFC 4271 §9.1.2); our router id as
     * ORIGINATOR_ID or our cluster id in the CLUSTER_LIST of an iBGP route (RFC 4456 §8). BIRD
     * treats such a route as withdrawn.
     */
    private boolean looped(BgpNeighbor n, PathAttributes a) {
        if (!n.internal()) {
            return a.asPath != null && a.asPath.contains(speaker.asn());
        }
        return speaker.routerId().equals(a.originatorId)
                || a.clusterList != null && a.clusterList.clusterIds().contains(speaker.clusterId());
    }
}
