package io.overlaysim.scenario.run;

import io.overlaysim.bgp.BgpNeighbor;
import io.overlaysim.bgp.BgpState;
import java.util.ArrayList;
import java.util.List;

/**
 * A BGP session's state over time, replayed from its neighbor's log (one line per state change
 * of either connection, {@code 12.000000000 outgoing OpenConfirm -> Established (...)}): the
 * session's state is the more advanced of its two connections', as {@code birdc show protocols}
 * shows it. Answers what the state was at a time and since when.
 */
record SessionTimeline(List<Change> changes) {
    /** The session entered {@code state} at {@code nanos}. */
    record Change(long nanos, BgpState state) {
    }

    static SessionTimeline of(BgpNeighbor n) {
        BgpState out = BgpState.IDLE;
        BgpState in = BgpState.IDLE;
        BgpState session = BgpState.IDLE;
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(0, BgpState.IDLE));
        for (String line : n.log()) {
            String[] f = line.split(" ");
            // TIME DIRECTION FROM -> TO (EVENT)
            long nanos = parseTime(f[0]);
            BgpState to = state(f[4]);
            if (f[1].equals("outgoing")) {
                out = to;
            } else {
                in = to;
            }
            BgpState now = out.compareTo(in) >= 0 ? out : in;
            if (now != session) {
                session = now;
                changes.add(new Change(nanos, now));
            }
        }
        return new SessionTimeline(List.copyOf(changes));
    }

    /** The last change at or before {@code nanos}. */
    Change at(long nanos) {
        Change last = changes.getFirst();
        for (Change c : changes) {
            if (c.nanos() > nanos) {
                break;
            }
            last = c;
        }
        return last;
    }

    /** The times the session reached Established, in order. */
    List<Long> establishedTimes() {
        return changes.stream().filter(c -> c.state() == BgpState.ESTABLISHED).map(Change::nanos).toList();
    }

    private static long parseTime(String s) {
        int dot = s.indexOf('.');
        return Long.parseLong(s.substring(0, dot)) * 1_000_000_000L + Long.parseLong(s.substring(dot + 1));
    }

    private static BgpState state(String text) {
        for (BgpState s : BgpState.values()) {
            if (s.text().equals(text)) {
                return s;
            }
        }
        throw new IllegalStateException("not a BGP state in a neighbor's log: " + text);
    }

    /** Seconds as the results print them: {@code 3.002s}. */
    static String seconds(long nanos) {
        String s = String.format("%d.%06d", nanos / 1_000_000_000L, (nanos % 1_000_000_000L) / 1000);
        s = s.replaceAll("0+$", "");
        return (s.endsWith(".") ? s + "0" : s) + "s";
    }
}
