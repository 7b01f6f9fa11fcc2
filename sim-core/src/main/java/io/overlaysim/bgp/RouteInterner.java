package io.overlaysim.bgp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the speakers of one simulated network share to keep their RIBs small, as one BIRD keeps
 * one {@code rta} cache for all its protocols: a {@link PrefixIndex}, hash-consed
 * {@link PathAttributes} (looked up by their list, or by their bytes on the wire so that a
 * received UPDATE whose attributes were seen before is not decoded again), and hash-consed
 * {@link BgpPath}s. Entries are never evicted; their number is that of distinct attribute sets
 * and paths, a few per node. Not thread-safe, like the simulation that owns it.
 *
 * <pre>{@code
 * RouteInterner shared = new RouteInterner();
 * new BgpSpeaker(sim, transport, "worker01", address, 64512, shared);
 * }</pre>
 */
public final class RouteInterner {
    private final PrefixIndex prefixes = new PrefixIndex();
    private final Map<PathAttributes, PathAttributes> sets = new HashMap<>();
    /** Canonical lists (those of interned sets) by identity: the cheap first lookup. */
    private final Map<List<PathAttribute>, PathAttributes> byList = new IdentityHashMap<>();
    private final Map<BgpPath, BgpPath> paths = new HashMap<>();
    private final Map<BgpPeer, BgpPeer> peers = new HashMap<>();
    private final Map<SessionContext, SessionContext> contexts = new HashMap<>();
    // The attribute bytes of UPDATEs: open addressing, the key prefixed by one octet of context.
    private byte[][] wireKeys = new byte[64][];
    private PathAttributes[] wireSets = new PathAttributes[64];
    private int wireSize;

    public PrefixIndex prefixes() {
        return prefixes;
    }

    /** The interned set equal to these attributes. */
    public PathAttributes attributes(List<PathAttribute> attributes) {
        PathAttributes known = byList.get(attributes);
        return known != null ? known : intern(PathAttributes.of(attributes));
    }

    /** The interned set equal to this one. */
    public PathAttributes intern(PathAttributes a) {
        PathAttributes known = sets.putIfAbsent(a, a);
        if (known != null) {
            return known;
        }
        byList.put(a.list(), a);
        return a;
    }

    /** The interned path equal to this one. */
    public BgpPath intern(BgpPath p) {
        BgpPath known = paths.putIfAbsent(p, p);
        return known != null ? known : p;
    }

    /**
     * The one object equal to this peer: the sessions of thousands of speakers toward one route
     * reflector share it, so that their interned paths are found by identity ({@link #path}).
     */
    public BgpPeer peer(BgpPeer p) {
        BgpPeer known = peers.putIfAbsent(p, p);
        return known != null ? known : p;
    }

    /**
     * {@link #intern(BgpPath)} of {@code BgpPath.of(from, pathId, attrs, defaultLocalPref,
     * igpCost)} for an interned {@code attrs}, without making the path when it is known: the
     * interned set remembers the few interned paths that carry it.
     */
    BgpPath path(BgpPeer from, int pathId, PathAttributes attrs, long defaultLocalPref, long igpCost) {
        long localPref = attrs.localPref >= 0 ? attrs.localPref : defaultLocalPref;
        BgpPath[] known = attrs.paths;
        for (BgpPath p : known) {
            if (p.from() == from && p.pathId() == pathId && p.localPref() == localPref && p.igpCost() == igpCost) {
                return p;
            }
        }
        BgpPath p = intern(new BgpPath(from, pathId, attrs, localPref, igpCost));
        if (p.attributes() == attrs && known.length < PathAttributes.PATHS_KEPT && p.from() == from) {
            BgpPath[] more = java.util.Arrays.copyOf(known, known.length + 1);
            more[known.length] = p;
            attrs.paths = more;
        }
        return p;
    }

    /** The one object equal to this session context, so that contexts compare by identity. */
    public SessionContext context(SessionContext ctx) {
        SessionContext known = contexts.putIfAbsent(ctx, ctx);
        return known != null ? known : ctx;
    }

    /** How many distinct attribute sets and paths are held. */
    public int attributeSets() {
        return sets.size();
    }

    public int paths() {
        return paths.size();
    }

    /**
     * The set whose wire encoding is {@code b[off, off + len)} in a session with or without
     * 4-octet AS numbers (RFC 6793), if those bytes were {@link #remember remembered}; else null.
     */
    PathAttributes wire(byte[] b, int off, int len, boolean fourOctetAs) {
        int h = wireHash(b, off, len, fourOctetAs);
        int mask = wireKeys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = wireKeys[i];
            if (k == null) {
                return null;
            }
            if (k.length == len + 1 && k[0] == (fourOctetAs ? 1 : 0) && Arrays.equals(k, 1, k.length, b, off, off + len)) {
                return wireSets[i];
            }
        }
    }

    /** Remembers that these bytes decode to this (interned) set. */
    void remember(byte[] b, int off, int len, boolean fourOctetAs, PathAttributes set) {
        if ((wireSize + 1) * 2 > wireKeys.length) {
            growWire();
        }
        byte[] k = new byte[len + 1];
        k[0] = (byte) (fourOctetAs ? 1 : 0);
        System.arraycopy(b, off, k, 1, len);
        int mask = wireKeys.length - 1;
        int i = wireHash(b, off, len, fourOctetAs) & mask;
        while (wireKeys[i] != null) {
            i = (i + 1) & mask;
        }
        wireKeys[i] = k;
        wireSets[i] = set;
        wireSize++;
    }

    private void growWire() {
        byte[][] oldKeys = wireKeys;
        PathAttributes[] oldSets = wireSets;
        wireKeys = new byte[oldKeys.length * 2][];
        wireSets = new PathAttributes[oldKeys.length * 2];
        int mask = wireKeys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            byte[] k = oldKeys[j];
            if (k != null) {
                int i = wireHash(k, 1, k.length - 1, k[0] == 1) & mask;
                while (wireKeys[i] != null) {
                    i = (i + 1) & mask;
                }
                wireKeys[i] = k;
                wireSets[i] = oldSets[j];
            }
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** A hash of the bytes taken eight at a time (every received UPDATE is looked up: a route reflector's clients get millions). */
    private static int wireHash(byte[] b, int off, int len, boolean fourOctetAs) {
        long h = (fourOctetAs ? 0x9e3779b97f4a7c15L : 0x632be59bd9b4e019L) ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * 0x9e3779b97f4a7c15L, 29);
        }
        for (; i < end; i++) {
            h = (h ^ b[i]) * 0x100000001b3L;
        }
        h ^= h >>> 32;
        h *= 0xd6e8feb86659fd93L;
        return (int) (h ^ (h >>> 32));
    }
}
