package io.overlaysim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The event queue against a plain reference (a sorted map keyed by time and sequence). */
class EventQueueTest {

    private record Key(long time, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** An action that knows its sequence number, so the test can see which event came out. */
    private record Tagged(long seq) implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void matchesAReferenceQueueUnderRandomInsertsCancelsAndLimits() {
        for (long seed = 1; seed <= 20; seed++) {
            check(new SplittableRandom(seed), seed % 4 == 0 ? 3 : 1 << (seed % 40));
        }
    }

    private static void check(SplittableRandom r, long spread) {
        EventQueue q = new EventQueue();
        TreeMap<Key, Long> ref = new TreeMap<>();
        List<Long> handles = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        long seq = 0;
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = r.nextInt(10);
            if (op < 5) {
                // At or after the clock; after a poll that dropped cancelled entries, possibly
                // before the time of those entries.
                long time = now + r.nextLong(spread + 1);
                handles.add(q.insert(time, new Tagged(seq)));
                Key k = new Key(time, seq++);
                keys.add(k);
                ref.put(k, k.seq());
            } else if (op < 7 && !handles.isEmpty()) {
                int i = r.nextInt(handles.size());
                boolean wasPending = ref.containsKey(keys.get(i));
                assertThat(q.isPending(handles.get(i))).isEqualTo(wasPending);
                assertThat(q.cancel(handles.get(i))).isEqualTo(wasPending);
                ref.remove(keys.get(i));
            } else {
                long limit = now + r.nextLong(spread + 1);
                Runnable a = q.poll(limit);
                Key first = ref.isEmpty() ? null : ref.firstKey();
                if (first == null || first.time() > limit) {
                    assertThat(a).isNull();
                } else {
                    assertThat(a).isEqualTo(new Tagged(first.seq()));
                    assertThat(q.lastTime()).isEqualTo(first.time());
                    ref.remove(first);
                    now = first.time();
                }
            }
            assertThat(q.liveCount()).isEqualTo(ref.size());
        }
        while (!ref.isEmpty()) {
            Key first = ref.pollFirstEntry().getKey();
            assertThat(q.poll(Long.MAX_VALUE)).isEqualTo(new Tagged(first.seq()));
        }
        assertThat(q.poll(Long.MAX_VALUE)).isNull();
    }

    @Test
    void anInsertBeforeTheLastTimeTakenIsStillOrdered() {
        EventQueue q = new EventQueue();
        q.insert(100, new Tagged(0));
        q.insert(300, new Tagged(1));
        assertThat(q.poll(150)).isEqualTo(new Tagged(0));
        q.insert(300, new Tagged(2));
        q.insert(50, new Tagged(3));   // only the queue allows this: the simulation's clock is at 100
        assertThat(q.poll(Long.MAX_VALUE)).isEqualTo(new Tagged(3));
        assertThat(q.poll(Long.MAX_VALUE)).isEqualTo(new Tagged(1));
        assertThat(q.poll(Long.MAX_VALUE)).isEqualTo(new Tagged(2));
    }
}
