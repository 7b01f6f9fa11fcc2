package io.overlaysim.scenario.run;

import io.overlaysim.device.NetDevice;
import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.scenario.DeviceSpec;
import io.overlaysim.scenario.IpLine;
import io.overlaysim.scenario.IpLines;
import io.overlaysim.scenario.TunnelSpec;
import io.overlaysim.tunnel.IpTunnelConfig;
import io.overlaysim.tunnel.Ipip;
import io.overlaysim.tunnel.VxlanConfig;
import io.overlaysim.tunnel.VxlanDevice;

/**
 * A scenario's declared tunnel devices ({@code ip link add NAME type ipip|vxlan ...}) and the
 * VXLAN FDB entries ({@code bridge fdb append MAC dev DEV dst IP self permanent}), made with the
 * {@code tunnel} package as iproute2 would make them: unset options take the kernel's defaults.
 */
final class TunnelDevices {
    private TunnelDevices() {
    }

    /** Adds the ipip or vxlan device {@code d} to {@code node}. */
    static NetDevice add(Node node, DeviceSpec d, long mac) {
        return switch (d.tunnel().orElse(null)) {
            case TunnelSpec.Ipip p -> ipip(node, d, p);
            case TunnelSpec.Vxlan v -> vxlan(node, d, v, mac);
            case null -> throw new IllegalStateException("the scenario checks bind a tunnel spec to " + d.name());
        };
    }

    /**
     * {@code tunl0} without a remote is the fallback device the ipip module makes in every
     * namespace; another name without a remote is a tunnel that takes any remote for its local.
     */
    private static NetDevice ipip(Node node, DeviceSpec d, TunnelSpec.Ipip p) {
        Ipip ipip = Ipip.of(node);
        if (p.remote().isEmpty() && d.name().equals(ipip.fallback().name())) {
            return ipip.fallback();
        }
        IpTunnelConfig c = new IpTunnelConfig(p.local().map(Ipv4Address::bits).orElse(0),
                p.remote().map(Ipv4Address::bits).orElse(0), ttl(p.ttl()), tos(p.tos()), p.pmtudisc(),
                p.dev().orElse(null));
        return ipip.add(d.name(), c);
    }

    private static NetDevice vxlan(Node node, DeviceSpec d, TunnelSpec.Vxlan v, long mac) {
        VxlanConfig c = VxlanConfig.of(v.vni()).withPort(v.port()).withLearning(v.learning())
                .withTtl(ttl(v.ttl())).withTos(tos(v.tos()));
        if (v.local().isPresent()) {
            c = c.withLocal(v.local().get().toString());
        }
        if (v.dev().isPresent()) {
            c = c.withLower(v.dev().get());
        }
        if (v.df().isPresent()) {
            c = c.withDf(VxlanConfig.Df.valueOf(v.df().get().toUpperCase(java.util.Locale.ROOT)));
        }
        if (v.srcPortMin() >= 0) {
            c = c.withSourcePorts(v.srcPortMin(), v.srcPortMax());
        }
        VxlanDevice dev = io.overlaysim.tunnel.Vxlan.of(node).add(d.name(), mac, c);
        if (d.mtu().isEmpty() && v.dev().isPresent() && node.deviceOrNull(v.dev().get()) != null) {
            // the lower device's MTU minus the 50 bytes of outer headers (vxlan_config_apply)
            dev.setMtu(node.device(v.dev().get()).mtu() - VxlanDevice.HEADROOM);
        }
        return dev;
    }

    /** An outer TTL: 0 is the kernel's "inherit" for ipip and "auto" for vxlan. */
    private static int ttl(TunnelSpec.OuterField f) {
        return f.mode() == TunnelSpec.OuterField.Mode.FIXED ? f.value() : 0;
    }

    private static int tos(TunnelSpec.OuterField f) {
        return switch (f.mode()) {
            case FIXED -> f.value();
            case INHERIT -> IpTunnelConfig.TOS_INHERIT;
            case DEFAULT -> 0;
        };
    }

    /** {@code bridge fdb append LINE}: a remote VTEP for a MAC on a VXLAN device. */
    static void fdb(Node node, IpLine line) {
        FdbEntry e = IpLines.fdb(line);
        NetDevice dev = e.dev() == null ? null : node.deviceOrNull(e.dev());
        if (!(dev instanceof VxlanDevice v) || e.dst() == null || !Ipv4Address.isValid(e.dst())) {
            throw NotSupportedYet.at(line.at(), "fdb entry \"" + line.text() + "\"",
                    "static entries on bridges; a VXLAN device's entries with an IPv4 dst are built");
        }
        v.fdb().append(e.mac().bits(), Ipv4Address.parse(e.dst()).bits(), e.via());
    }
}
