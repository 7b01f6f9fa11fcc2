package io.overlaysim.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.net.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * The FDB's last-lookup memo and each entry's first-remote field never answer with a stale
 * entry: every change (replace, append, delete, learning, ageing) is seen by the next lookup.
 */
class VxlanFdbTest {
    private static final long MAC = 0x02420af40002L;
    private static final int VTEP1 = Ipv4Address.parseBits("192.168.0.1");
    private static final int VTEP2 = Ipv4Address.parseBits("192.168.0.2");
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aLookupAfterReplaceOrDeleteSeesTheChange() {
        VxlanFdb fdb = new VxlanFdb(300);
        assertThat(fdb.lookup(MAC, 0)).isNull();
        fdb.replace(MAC, VTEP1, null);
        assertThat(fdb.lookup(MAC, 0).firstRemoteIp()).isEqualTo(VTEP1);
        fdb.replace(MAC, VTEP2, null);
        assertThat(fdb.lookup(MAC, 0).firstRemoteIp()).isEqualTo(VTEP2);
        fdb.delete(MAC);
        assertThat(fdb.lookup(MAC, 0)).isNull();
    }

    @Test
    void appendKeepsTheFirstRemoteAndTheListIsReadOnly() {
        VxlanFdb fdb = new VxlanFdb(300);
        fdb.append(VxlanFdb.ALL_ZEROS, VTEP1, "eth0");
        VxlanFdb.Entry e = fdb.lookup(VxlanFdb.ALL_ZEROS, 0);
        fdb.append(VxlanFdb.ALL_ZEROS, VTEP2, "eth0");
        assertThat(fdb.lookup(VxlanFdb.ALL_ZEROS, 0)).isSameAs(e);
        assertThat(e.firstRemoteIp()).isEqualTo(VTEP1);
        assertThat(e.remotes()).extracting(VxlanFdb.Remote::ip).containsExactly(VTEP1, VTEP2);
        assertThatThrownBy(() -> e.remotes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLearnedEntryMovesAndAgesOutThroughTheMemo() {
        VxlanFdb fdb = new VxlanFdb(300);
        assertThat(fdb.snoop(MAC, VTEP1, 0)).isFalse();
        assertThat(fdb.lookup(MAC, 10 * SECOND).firstRemoteIp()).isEqualTo(VTEP1);
        // the MAC shows up behind another VTEP: the entry's first remote follows
        assertThat(fdb.snoop(MAC, VTEP2, 20 * SECOND)).isFalse();
        assertThat(fdb.lookup(MAC, 30 * SECOND).firstRemoteIp()).isEqualTo(VTEP2);
        assertThat(fdb.lookup(MAC, 319 * SECOND)).isNotNull();
        assertThat(fdb.lookup(MAC, 320 * SECOND)).isNull();
        assertThat(fdb.lookup(MAC, 321 * SECOND)).isNull();
        assertThat(fdb.lines(321 * SECOND)).isEmpty();
    }

    @Test
    void aStaticEntryRefusesFramesFromAnotherVtep() {
        VxlanFdb fdb = new VxlanFdb(300);
        fdb.replace(MAC, VTEP1, null);
        assertThat(fdb.lookup(MAC, 0).firstRemoteIp()).isEqualTo(VTEP1);
        assertThat(fdb.snoop(MAC, VTEP2, SECOND)).isTrue();
        assertThat(fdb.lookup(MAC, 2 * SECOND).firstRemoteIp()).isEqualTo(VTEP1);
    }
}
