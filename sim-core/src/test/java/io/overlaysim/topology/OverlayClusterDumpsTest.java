package io.overlaysim.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.engine.Simulation;
import io.overlaysim.tunnel.IpipDevice;
import io.overlaysim.tunnel.VxlanDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presets' tunnel devices and FDBs read as the cluster dumps ({@code src/test/resources/clusters/}) print them. */
class OverlayClusterDumpsTest {
    private static String dump(String path) throws IOException {
        try (InputStream in = OverlayClusterDumpsTest.class.getResourceAsStream("/clusters/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void tunnelDevicesPrintAsInTheDumps() throws IOException {
        OverlayCluster ipip = OverlayCluster.calicoIpip(new Simulation(1)).build();
        IpipDevice tunl0 = (IpipDevice) ipip.tunnel("worker01");
        assertThat(tunl0.mtu()).isEqualTo(1480);
        assertThat(dump("calico-ipip/worker01/ip-link.txt")).contains("mtu 1480 ", "    " + tunl0.config().ipLinkText() + " ");

        OverlayCluster calico = OverlayCluster.calicoVxlan(new Simulation(1)).build();
        VxlanDevice v = (VxlanDevice) calico.tunnel("worker01");
        assertThat(v.mtu()).isEqualTo(1450);
        assertThat(dump("calico-vxlan/worker01/ip-link.txt")).contains("    " + v.config().ipLinkText() + " ");
        for (String line : v.fdb().lines(0)) {
            // bridge fdb prints "MAC dev DEV dst ..." for all devices; ours is the per-device form
            assertThat(dump("calico-vxlan/worker01/bridge-fdb.txt")).contains(line.replaceFirst(" dst", " dev vxlan.calico dst"));
        }
        assertThat(v.fdb().lines(0)).hasSize(2);

        OverlayCluster flannel = OverlayCluster.flannelVxlan(new Simulation(1)).build();
        VxlanDevice f = (VxlanDevice) flannel.tunnel("worker01");
        assertThat(dump("flannel-vxlan/worker01/ip-link.txt")).contains("    " + f.config().ipLinkText() + " ");
        for (String line : f.fdb().lines(0)) {
            assertThat(dump("flannel-vxlan/worker01/bridge-fdb.txt")).contains(line.replaceFirst(" dst", " dev flannel.1 dst"));
        }
        assertThat(flannel.pods()).isEqualTo(List.of("pod-a", "pod-b", "pod-c", "pod-d"));
    }
}
