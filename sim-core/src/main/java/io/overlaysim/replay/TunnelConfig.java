package io.overlaysim.replay;

import io.overlaysim.net.Ipv4Address;

/** A tunnel device's configuration, read from {@code ip -d link} or taken from the CNI's defaults. */
public sealed interface TunnelConfig {

    /**
     * A VXLAN device ({@code ip link add NAME type vxlan id VNI local A dev D dstport P nolearning}).
     *
     * @param vni the VXLAN network identifier (0 for an {@code external} device such as Cilium's)
     * @param port the UDP destination port
     * @param local the outer source address, or null when neither the dump nor the node tells
     * @param dev the underlay device, or null
     * @param learning whether the FDB learns from received frames
     * @param external collect-metadata mode (the VNI and remote come per packet, as Cilium uses it)
     */
    record Vxlan(int vni, int port, Ipv4Address local, String dev, boolean learning, boolean external)
            implements TunnelConfig {
    }

    /**
     * An IPIP device. {@code tunl0} is the fallback device: any remote, any local.
     *
     * @param local the local address, or null for {@code any}
     * @param remote the remote address, or null for {@code any}
     * @param dev the underlay device, or null
     * @param ttl a number or {@code inherit}, or null for the kernel's default
     * @param pmtudisc path MTU discovery, or null when not printed
     */
    record Ipip(Ipv4Address local, Ipv4Address remote, String dev, String ttl, Boolean pmtudisc)
            implements TunnelConfig {
    }
}
