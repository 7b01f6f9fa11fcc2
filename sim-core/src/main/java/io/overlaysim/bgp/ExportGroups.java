package io.overlaysim.bgp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The UPDATEs of one flush, planned once per kind of neighbor, so that neighbors in the same
 * state are sent the same bytes without deciding again (FRR's update groups, found afresh at each
 * flush rather than configured). What a neighbor is sent for a changed prefix depends only on the
 * best path, on the neighbor's kind (internal or not, route reflector client, next hop self) and
 * on whether the path came from that very neighbor (then nothing: BIRD's {@code bgp_preexport}).
 *
 * <p>So the first neighbor of a kind and session context makes a {@link Plan}: what
 * {@link AdjRibOut#sync} would send a neighbor with its Adj-RIB-Out that is the source of none of
 * the changed prefixes, encoded once into one array. Every neighbor of that kind whose Adj-RIB-Out
 * held the same attribute sets for the changed prefixes is then sent that array, less the
 * prefixes it is the source of: their UPDATEs are cut out, or encoded again without them when
 * they shared an UPDATE with other prefixes, at the place {@code sync} would put them. Anything
 * else (another table, a prefix of its own that it had been sent otherwise) is decided for it
 * alone, as {@code sync} does. A route reflector of 5,000 clients, each the source of its own
 * blocks, decides and encodes once per flush, not 5,000 times.
 */
final class ExportGroups {
    /** The UPDATEs for a neighbor of one kind that is the source of none of the changed prefixes. */
    private static final class Plan {
        final boolean internal;
        final boolean rrClient;
        final boolean nextHopSelf;
        final SessionContext ctx;
        /** Per position of the changed prefixes: what the neighbor had been sent, and should have. */
        final PathAttributes[] sentBefore;
        final PathAttributes[] wanted;
        /** Per position: the bucket that carries it, -1 when nothing changes for it. */
        final int[] bucketOf;
        /** Per bucket (0: the withdrawals, then one per attribute set in order of first position). */
        final List<PathAttributes> attrs = new ArrayList<>();
        final List<int[]> positions = new ArrayList<>();
        /** Per bucket: its first position (-1 for the withdrawals, always first). */
        int[] first;
        /** Per bucket and one more: where its UPDATEs start in {@link #joined}, and how many precede it. */
        int[] start;
        int[] messagesBefore;
        byte[] joined;

        Plan(boolean internal, boolean rrClient, boolean nextHopSelf, SessionContext ctx, PathAttributes[] sentBefore,
             PathAttributes[] wanted) {
            this.internal = internal;
            this.rrClient = rrClient;
            this.nextHopSelf = nextHopSelf;
            this.ctx = ctx;
            this.sentBefore = sentBefore;
            this.wanted = wanted;
            this.bucketOf = new int[wanted.length];
        }

        int buckets() {
            return attrs.size();
        }
    }

    /** A bucket encoded again without a neighbor's own prefixes, and the bucket it goes before. */
    private record Insert(int before, int first, List<byte[]> updates) {}

    private final BgpSpeaker speaker;
    private final int[] ids;
    private final List<Plan> plans = new ArrayList<>(2);
    /** Neighbor address → the positions whose best path came from it: {count, positions...}. */
    private IntObjectMap<int[]> bySource;

    ExportGroups(BgpSpeaker speaker, int[] ids) {
        this.speaker = speaker;
        this.ids = ids;
    }

    /** The UPDATEs for {@code n} on the changed prefixes: from its kind's plan, or decided for it alone. */
    UpdateBytes updates(BgpNeighbor n, AdjRibOut out, SessionContext ctx) {
        if (!speaker.fastPaths()) {
            return alone(n, out, ctx);
        }
        boolean internal = n.internal();
        boolean rrClient = n.config().rrClient();
        boolean nextHopSelf = n.config().nextHopSelf();
        Plan plan = null;
        for (Plan p : plans) {
            if (p.internal == internal && p.rrClient == rrClient && p.nextHopSelf == nextHopSelf && p.ctx == ctx) {
                plan = p;
                break;
            }
        }
        if (plan == null) {
            plan = plan(n, out, ctx);
            plans.add(plan);
            speaker.planCounts()[0]++;
        }
        if (out.sentAre(ids, plan.sentBefore)) {
            UpdateBytes u = apply(plan, n, out);
            if (u != null) {
                speaker.planCounts()[1]++;
                return u;
            }
        }
        speaker.planCounts()[3]++;
        return alone(n, out, ctx);
    }

    /** The whole table for a neighbor whose session just came up: decided for it alone. */
    UpdateBytes feed(BgpNeighbor n, AdjRibOut out, SessionContext ctx) {
        int[] all = speaker.effectiveIds();
        PathAttributes[] wanted = new PathAttributes[all.length];
        for (int i = 0; i < all.length; i++) {
            wanted[i] = speaker.wanted(n, all[i]);
        }
        return encode(out.sync(all, all.length, wanted, ctx), ctx);
    }

    /** The general way: each prefix decided for {@code n}, then {@link AdjRibOut#sync}. */
    private UpdateBytes alone(BgpNeighbor n, AdjRibOut out, SessionContext ctx) {
        PathAttributes[] wanted = new PathAttributes[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wanted[i] = speaker.wanted(n, ids[i]);
        }
        return encode(out.sync(ids, ids.length, wanted, ctx), ctx);
    }

    private UpdateBytes encode(List<AdjRibOut.Out> outs, SessionContext ctx) {
        UpdateBytes u = new UpdateBytes();
        for (AdjRibOut.Out o : outs) {
            u.add(speaker.encode(o, ctx));
        }
        return u;
    }

    /** Plans for the kind of {@code n}, from what {@code out} holds: the buckets of {@link AdjRibOut#sync}, encoded. */
    private Plan plan(BgpNeighbor n, AdjRibOut out, SessionContext ctx) {
        PathAttributes[] wanted = new PathAttributes[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wanted[i] = speaker.wantedOfKind(n, ids[i]);
        }
        Plan p = new Plan(n.internal(), n.config().rrClient(), n.config().nextHopSelf(), ctx, out.sentOf(ids), wanted);
        // Bucket per position as sync groups them: withdrawals, then attribute sets by first appearance.
        Map<PathAttributes, Integer> bucket = new HashMap<>();
        List<int[]> members = new ArrayList<>(); // {count, positions...}
        p.attrs.add(null);
        members.add(new int[1]);
        PathAttributes lastAttrs = null;
        int lastBucket = -1;
        for (int i = 0; i < ids.length; i++) {
            PathAttributes want = wanted[i];
            PathAttributes sent = p.sentBefore[i];
            if (want == sent || want != null && want.equals(sent)) {
                p.bucketOf[i] = -1;
                continue;
            }
            int b;
            if (want == null) {
                b = 0;
            } else if (want == lastAttrs) {
                b = lastBucket;
            } else {
                Integer known = bucket.get(want);
                if (known == null) {
                    known = p.attrs.size();
                    bucket.put(want, known);
                    p.attrs.add(want);
                    members.add(new int[4]);
                }
                b = known;
                lastAttrs = want;
                lastBucket = b;
            }
            p.bucketOf[i] = b;
            int[] m = members.get(b);
            if (m[0] + 1 == m.length) {
                m = Arrays.copyOf(m, m.length * 2);
                members.set(b, m);
            }
            m[++m[0]] = i;
        }
        int buckets = p.attrs.size();
        p.first = new int[buckets];
        p.start = new int[buckets + 1];
        p.messagesBefore = new int[buckets + 1];
        List<byte[]> encoded = new ArrayList<>();
        int length = 0;
        for (int b = 0; b < buckets; b++) {
            int[] m = members.get(b);
            int[] positions = Arrays.copyOfRange(m, 1, 1 + m[0]);
            p.positions.add(positions);
            p.first[b] = b == 0 ? -1 : positions[0];
            p.start[b] = length;
            p.messagesBefore[b] = encoded.size();
            for (byte[] u : encodeBucket(p.attrs.get(b), positions, positions.length, ctx)) {
                encoded.add(u);
                length += u.length;
            }
        }
        p.start[buckets] = length;
        p.messagesBefore[buckets] = encoded.size();
        p.joined = new byte[length];
        int at = 0;
        for (byte[] u : encoded) {
            System.arraycopy(u, 0, p.joined, at, u.length);
            at += u.length;
        }
        return p;
    }

    /** The UPDATEs of one bucket: these positions' prefixes with these attributes (null: withdrawn), as sync splits them. */
    private List<byte[]> encodeBucket(PathAttributes attrs, int[] positions, int count, SessionContext ctx) {
        List<byte[]> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        PrefixIndex index = speaker.interner().prefixes();
        List<Nlri> nlri = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int id = ids[positions[k]];
            nlri.add(new Nlri(0, index.bits(id), index.length(id)));
        }
        List<AdjRibOut.Out> outs = new ArrayList<>();
        AdjRibOut.split(attrs, nlri, ctx, outs);
        for (AdjRibOut.Out o : outs) {
            out.add(BgpCodec.encode(o.message(), ctx));
        }
        return out;
    }

    /**
     * The plan's UPDATEs for {@code n}, whose Adj-RIB-Out holds the plan's {@code sentBefore},
     * less its own prefixes; null when one of those had been sent to it (it must be withdrawn,
     * which the plan does not say: decided alone then).
     */
    private UpdateBytes apply(Plan p, BgpNeighbor n, AdjRibOut out) {
        int[] mine = sourcePositions(n);
        int count = mine == null ? 0 : mine[0];
        for (int k = 1; k <= count; k++) {
            int i = mine[k];
            if (p.sentBefore[i] != null && p.wanted[i] != null) {
                return null;
            }
        }
        out.storeAll(ids, p.wanted);
        // The buckets that carry some of its own prefixes, ascending.
        int[] cut = new int[count];
        int cuts = 0;
        for (int k = 1; k <= count; k++) {
            int i = mine[k];
            out.set(ids[i], null); // nothing goes back to the source
            if (p.bucketOf[i] > 0) {
                cut[cuts++] = p.bucketOf[i];
            }
        }
        UpdateBytes u = new UpdateBytes();
        if (cuts == 0) {
            u.add(p.joined, 0, p.joined.length, p.messagesBefore[p.buckets()]);
            return u;
        }
        Arrays.sort(cut, 0, cuts);
        int unique = 0;
        for (int k = 0; k < cuts; k++) {
            if (unique == 0 || cut[unique - 1] != cut[k]) {
                cut[unique++] = cut[k];
            }
        }
        cuts = unique;
        // What is left of each cut bucket goes where sync would put it: before the first bucket
        // that starts after its new first position.
        List<Insert> inserts = new ArrayList<>();
        for (int k = 0; k < cuts; k++) {
            int b = cut[k];
            int[] left = without(p.positions.get(b), mine);
            if (left.length > 0) {
                int before = firstBucketAfter(p, left[0]);
                speaker.planCounts()[2]++;
                inserts.add(new Insert(before, left[0], encodeBucket(p.attrs.get(b), left, left.length, p.ctx)));
            }
        }
        inserts.sort((x, y) -> x.before != y.before ? Integer.compare(x.before, y.before) : Integer.compare(x.first, y.first));
        int pos = 0;
        int ii = 0;
        int ci = 0;
        while (ii < inserts.size() || ci < cuts) {
            boolean insert = ii < inserts.size() && (ci == cuts || inserts.get(ii).before <= cut[ci]);
            int at = insert ? inserts.get(ii).before : cut[ci];
            u.add(p.joined, p.start[pos], p.start[at], p.messagesBefore[at] - p.messagesBefore[pos]);
            if (insert) {
                inserts.get(ii++).updates.forEach(u::add);
                pos = at;
            } else {
                ci++;
                pos = at + 1;
            }
        }
        int end = p.buckets();
        u.add(p.joined, p.start[pos], p.start[end], p.messagesBefore[end] - p.messagesBefore[pos]);
        return u;
    }

    /** The first bucket (after the withdrawals) whose first position is after {@code position}. */
    private static int firstBucketAfter(Plan p, int position) {
        int lo = 1;
        int hi = p.buckets();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (p.first[mid] > position) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The positions (ascending) that are not among {@code mine} ({count, positions ascending...}). */
    private static int[] without(int[] positions, int[] mine) {
        int[] left = new int[positions.length];
        int n = 0;
        int k = 1;
        for (int i : positions) {
            while (k <= mine[0] && mine[k] < i) {
                k++;
            }
            if (k > mine[0] || mine[k] != i) {
                left[n++] = i;
            }
        }
        return Arrays.copyOf(left, n);
    }

    /** The positions whose best path came from {@code n}, ascending, as {count, positions...}; null when none. */
    private int[] sourcePositions(BgpNeighbor n) {
        if (bySource == null) {
            bySource = new IntObjectMap<>();
            for (int i = 0; i < ids.length; i++) {
                BgpPath path = speaker.effectivePath(ids[i]);
                if (path != null && path.from() != speaker.self()) {
                    int key = path.from().address().bits();
                    int[] m = bySource.get(key);
                    if (m == null) {
                        m = new int[4];
                        bySource.put(key, m);
                    } else if (m[0] + 1 == m.length) {
                        m = Arrays.copyOf(m, m.length * 2);
                        bySource.put(key, m);
                    }
                    m[++m[0]] = i;
                }
            }
        }
        return bySource.get(n.config().address().bits());
    }
}
