package io.overlaysim.replay;

import java.util.Collection;

/**
 * The CNI a node's devices show, and what that CNI sets up where the dumps are silent: its
 * tunnel's defaults and its pods' side of the veth.
 */
public enum Cni {
    /** Calico: {@code tunl0} (IPIP) or {@code vxlan.calico}, pods behind {@code cali*} /32 routes. */
    CALICO,
    /** Flannel: {@code flannel.1}, pods on the {@code cni0} bridge. */
    FLANNEL,
    /** Cilium: {@code cilium_vxlan}, {@code cilium_host}, pods behind {@code lxc*}. */
    CILIUM,
    /** None of those names. */
    UNKNOWN;

    /** The CNI the device names point to, in the order above. */
    public static Cni of(Collection<String> deviceNames) {
        if (deviceNames.stream().anyMatch(n -> n.equals("vxlan.calico") || n.equals("tunl0") || n.startsWith("cali"))) {
            return CALICO;
        }
        if (deviceNames.stream().anyMatch(n -> n.startsWith("flannel."))) {
            return FLANNEL;
        }
        if (deviceNames.stream().anyMatch(n -> n.startsWith("cilium_") || n.startsWith("lxc"))) {
            return CILIUM;
        }
        return UNKNOWN;
    }

    /** The device kind a name suggests when no {@code ip -d link} says it. */
    static DeviceKind kindByName(String name) {
        if (name.equals("lo")) {
            return DeviceKind.LOOPBACK;
        }
        if (name.startsWith("tunl")) {
            return DeviceKind.IPIP;
        }
        if (name.equals("vxlan.calico") || name.startsWith("flannel.") || name.equals("cilium_vxlan")
                || name.startsWith("vxlan")) {
            return DeviceKind.VXLAN;
        }
        if (name.startsWith("cali") || name.startsWith("veth") || name.startsWith("lxc") || name.equals("cilium_host")
                || name.equals("cilium_net")) {
            return DeviceKind.VETH;
        }
        if (name.equals("cni0") || name.equals("docker0") || name.equals("cbr0") || name.startsWith("br")
                || name.startsWith("virbr")) {
            return DeviceKind.BRIDGE;
        }
        return DeviceKind.ETHERNET;
    }

    /**
     * A tunnel device's configuration as its CNI creates it, with the MTU and the words that say
     * whose default it is; null for a name no CNI uses.
     */
    static Default tunnelDefault(String name) {
        // Calico Felix (vxlan_mgr.go): VNI 4096, port 4789, nolearning, MTU = NIC - 50.
        if (name.equals("vxlan.calico")) {
            return new Default(new TunnelConfig.Vxlan(4096, 4789, null, null, false, false), 1450,
                    "Calico VXLAN defaults (VNI 4096, port 4789, nolearning, MTU 1450)");
        }
        // flanneld's vxlan backend: VNI 1, the kernel's default port 8472, nolearning.
        if (name.startsWith("flannel.")) {
            int vni = 1;
            try {
                vni = Integer.parseInt(name.substring("flannel.".length()));
            } catch (NumberFormatException e) {
                // flannel.N names its VNI; anything else keeps Flannel's default
            }
            return new Default(new TunnelConfig.Vxlan(vni, 8472, null, null, false, false), 1450,
                    "Flannel VXLAN defaults (VNI " + vni + ", port 8472, nolearning, MTU 1450)");
        }
        // Cilium creates cilium_vxlan in collect-metadata mode; it lowers the MTU on routes, not on the device.
        if (name.equals("cilium_vxlan")) {
            return new Default(new TunnelConfig.Vxlan(0, 8472, null, null, false, true), 1500,
                    "Cilium VXLAN defaults (external, port 8472, MTU 1500: Cilium lowers the MTU on routes)");
        }
        // Calico's tunl0: the ipip module's fallback device, MTU = NIC - 20.
        if (name.startsWith("tunl")) {
            return new Default(new TunnelConfig.Ipip(null, null, null, null, null), 1480,
                    "IPIP defaults (tunl0: any remote, any local, MTU 1480)");
        }
        return null;
    }

    /** A CNI default: the tunnel configuration, the MTU and its description. */
    record Default(TunnelConfig tunnel, int mtu, String said) {
    }
}
