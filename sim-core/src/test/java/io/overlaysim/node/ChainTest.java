package io.overlaysim.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.topology.Topology;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import io.overlaysim.traffic.PingResult;
import org.junit.jupiter.api.Test;

class ChainTest {
    @Test
    void pingCrossesARouterAndTheLedgerBalances() {
        Simulation sim = new Simulation(1);
        // A ---- R ---- B
        Topology t = Topology.chain(sim, "A", "R", "B");
        Ping p = t.ping("A", "B", PingOptions.count(3));
        sim.runUntilIdle();

        PingResult r = p.result();
        assertThat(r.transmitted()).isEqualTo(3);
        assertThat(r.received()).isEqualTo(3);
        assertThat(r.lines().get(0)).startsWith("64 bytes from 10.0.0.6: icmp_seq=1 ttl=63");
        assertThat(r.minRtt()).isPositive();
        PacketLedger.Summary s = t.network().ledger().summary();
        assertThat(s.inFlight()).isZero();
        assertThat(s.dropped()).isZero();
        assertThat(s.created()).isEqualTo(s.delivered() + s.dropped() + s.consumed() + s.inFlight());
        // 3 requests + 3 replies; ARP: A and R(eth1) ask, R(eth0) and B answer (4); the replies use the STALE
        // entries the requests left (R for A, B for R): DELAY, and 5 s later a unicast probe each, answered (4),
        // as the kernel capture icmp-errors.pcap shows at 5.01 s
        assertThat(s.created()).isEqualTo(6 + 4 + 4);
    }

    @Test
    void theFirstPingWaitsForArpAndLaterOnesDoNot() {
        Simulation sim = new Simulation(1);
        // A ---- B
        Topology t = Topology.chain(sim, "A", "B");
        Ping p = t.ping("A", "B", PingOptions.count(2));
        sim.runUntilIdle();
        assertThat(p.result().rttNanos().get(0)).isGreaterThan(p.result().rttNanos().get(1));
    }

    @Test
    void ttlOneExpiresAtTheRouter() {
        Simulation sim = new Simulation(1);
        // A ---- R ---- B
        Topology t = Topology.chain(sim, "A", "R", "B");
        Ping p = t.ping("A", "B", PingOptions.count(1).ttl(1));
        sim.runUntilIdle();
        assertThat(p.result().lines()).containsExactly("From 10.0.0.2 icmp_seq=1 Time to live exceeded");
        assertThat(t.network().ledger().summary().dropped(DropReason.TTL_EXCEEDED)).isEqualTo(1);
    }
}
