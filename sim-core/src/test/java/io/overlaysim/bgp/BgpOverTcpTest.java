package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.Tshark;
import io.overlaysim.engine.RunOutcome;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calico's BGP over the nodes' own TCP: sessions cross the simulated link, fail with it, and show in captures. */
class BgpOverTcpTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void twoNodesPeerOverTcpWithdrawOnHoldExpiryAndRecover(@TempDir Path dir) throws Exception {
        Simulation sim = new Simulation(3);
        // A .1 ---- .2 B      (one /30; iBGP AS 64512; each announces one /26)
        Topology t = Topology.chain(sim, "A", "B");
        Topology.Link link = t.link("A", "B");
        Path file = dir.resolve("bgp.pcapng");
        CaptureWriter w = CaptureFormat.PCAPNG.open(file);
        new CaptureRecorder(w).capture("A", link.devA());
        String a = new Ipv4Address(link.addrA()).toString();
        String b = new Ipv4Address(link.addrB()).toString();
        CalicoBgp c = CalicoBgp.builder(sim, name -> new TcpBgpTransport(t.node(name)))
                .node("A", a, "172.16.52.128/26")
                .node("B", b, "172.16.103.64/26")
                .fullMesh().build();
        c.start();
        assertThat(sim.runUntil(c::converged)).isEqualTo(RunOutcome.CONDITION_MET);
        sim.runUntil(sim.now() + SECOND);
        Ipv4Prefix bBlock = Ipv4Prefix.parse("172.16.103.64/26");
        assertThat(c.speaker("A").best(bBlock)).isNotNull();
        assertThat(c.speaker("A").best(bBlock).nextHop()).hasToString(b);

        // The link dies silently: only the hold timer (240 s) notices, then the route is withdrawn.
        link.channel().down();
        sim.runUntil(sim.now() + 250 * SECOND);
        assertThat(c.speaker("A").best(bBlock)).isNull();
        assertThat(c.speaker("A").neighbor(Ipv4Address.parse(b)).lastNotificationSent()).isNotNull();

        // Back up: the session re-establishes (after BIRD's error wait) and the route returns.
        link.channel().up();
        sim.runUntil(sim.now() + 400 * SECOND);
        assertThat(c.speaker("A").best(bBlock)).isNotNull();
        w.close();

        Tshark.Report r = Tshark.assertClean(file);
        assertThat(r.packets()).isGreaterThan(10);
        List<List<String>> types = Tshark.fields(file, "bgp.type");
        long opens = types.stream().filter(row -> !row.isEmpty())
                .flatMap(row -> java.util.Arrays.stream(row.get(0).split(",")))
                .filter("1"::equals).count();
        // Two OPENs (one each way) for the first session and two more after the recovery.
        assertThat(opens).isEqualTo(4);
    }
}
