package io.overlaysim.tunnel;

import io.overlaysim.net.Ipv4Address;

/**
 * The settings of a VXLAN device as {@code ip link add NAME type vxlan id VNI dstport PORT
 * local A [remote B] dev LOWER [no]learning ttl N tos T df set|unset|inherit srcport MIN MAX
 * [no]udpcsum ageing S} gives them ({@code struct vxlan_config}).
 *
 * @param vni the VXLAN network identifier (24 bits)
 * @param port the UDP destination port, and the port the device listens on
 * @param local the outer source, 0 for the route's choice
 * @param remote the default remote ({@code remote}: an all-zeros FDB entry), 0 for none
 * @param lower the lower device ({@code dev}), or null
 * @param learning whether received frames teach the FDB ({@code vxlan_snoop})
 * @param ttl the outer TTL, 0 for {@code ttl auto} (the route's hop limit: {@code ip_default_ttl})
 * @param tos the outer TOS, 1 for {@code tos inherit}
 * @param df the outer DF policy
 * @param portMin the UDP source port range's low end ({@code srcport MIN MAX}; 0 0: the local port range)
 * @param portMax its high end (exclusive, as {@code udp_flow_src_port} scales)
 * @param udpCsum whether the outer UDP checksum is computed ({@code udpcsum}, the IPv4 default)
 * @param ageingSeconds how long a learned FDB entry lives without being refreshed
 */
public record VxlanConfig(int vni, int port, int local, int remote, String lower, boolean learning, int ttl, int tos,
        Df df, int portMin, int portMax, boolean udpCsum, int ageingSeconds) {

    /** {@code df set|unset|inherit} ({@code enum ifla_vxlan_df}). */
    public enum Df {
        UNSET, SET, INHERIT
    }

    /** The kernel's default destination port when none is given ({@code vxlan_port}, the pre-IANA Linux port). */
    public static final int LINUX_DEFAULT_PORT = 8472;

    public VxlanConfig {
        if (vni < 0 || vni > 0xff_ffff) {
            throw new IllegalArgumentException("vni " + vni + " outside 0..16777215");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("dstport " + port + " outside 1..65535");
        }
        if (ttl < 0 || ttl > 255 || tos < 0 || tos > 255) {
            throw new IllegalArgumentException("ttl " + ttl + " or tos " + tos + " outside 0..255");
        }
        if (portMin < 0 || portMax > 65535 || (portMax != 0 && portMax < portMin)) {
            throw new IllegalArgumentException("srcport " + portMin + " " + portMax + ": expected MIN <= MAX within 0..65535");
        }
    }

    /** {@code ip link add NAME type vxlan id VNI}: the kernel's defaults (port 8472, learning, ttl auto, df unset, udpcsum). */
    public static VxlanConfig of(int vni) {
        return new VxlanConfig(vni, LINUX_DEFAULT_PORT, 0, 0, null, true, 0, 0, Df.UNSET, 0, 0, true, 300);
    }

    public VxlanConfig withPort(int p) {
        return new VxlanConfig(vni, p, local, remote, lower, learning, ttl, tos, df, portMin, portMax, udpCsum, ageingSeconds);
    }

    public VxlanConfig withLocal(String a) {
        return new VxlanConfig(vni, port, Ipv4Address.parse(a).bits(), remote, lower, learning, ttl, tos, df, portMin, portMax,
                udpCsum, ageingSeconds);
    }

    public VxlanConfig withRemote(String a) {
        return new VxlanConfig(vni, port, local, Ipv4Address.parse(a).bits(), lower, learning, ttl, tos, df, portMin, portMax,
                udpCsum, ageingSeconds);
    }

    public VxlanConfig withLower(String dev) {
        return new VxlanConfig(vni, port, local, remote, dev, learning, ttl, tos, df, portMin, portMax, udpCsum, ageingSeconds);
    }

    public VxlanConfig withLearning(boolean on) {
        return new VxlanConfig(vni, port, local, remote, lower, on, ttl, tos, df, portMin, portMax, udpCsum, ageingSeconds);
    }

    public VxlanConfig withTtl(int t) {
        return new VxlanConfig(vni, port, local, remote, lower, learning, t, tos, df, portMin, portMax, udpCsum, ageingSeconds);
    }

    public VxlanConfig withTos(int t) {
        return new VxlanConfig(vni, port, local, remote, lower, learning, ttl, t, df, portMin, portMax, udpCsum, ageingSeconds);
    }

    public VxlanConfig withDf(Df d) {
        return new VxlanConfig(vni, port, local, remote, lower, learning, ttl, tos, d, portMin, portMax, udpCsum, ageingSeconds);
    }

    public VxlanConfig withSourcePorts(int min, int max) {
        return new VxlanConfig(vni, port, local, remote, lower, learning, ttl, tos, df, min, max, udpCsum, ageingSeconds);
    }

    public VxlanConfig withUdpCsum(boolean on) {
        return new VxlanConfig(vni, port, local, remote, lower, learning, ttl, tos, df, portMin, portMax, on, ageingSeconds);
    }

    /** The {@code vxlan ...} part of {@code ip -d link}, as iproute2 6.1 prints it. */
    public String ipLinkText() {
        StringBuilder s = new StringBuilder("vxlan id ").append(vni);
        if (remote != 0) {
            s.append(" remote ").append(Ipv4Address.format(remote));
        }
        if (local != 0) {
            s.append(" local ").append(Ipv4Address.format(local));
        }
        if (lower != null) {
            s.append(" dev ").append(lower);
        }
        s.append(" srcport ").append(portMin).append(' ').append(portMax);
        s.append(" dstport ").append(port);
        if (!learning) {
            s.append(" nolearning");
        }
        s.append(ttl == 0 ? " ttl auto" : " ttl " + ttl);
        if (tos == 1) {
            s.append(" tos inherit");
        } else if (tos != 0) {
            s.append(" tos 0x").append(Integer.toHexString(tos));
        }
        if (df != Df.UNSET) {
            s.append(" df ").append(df.name().toLowerCase(java.util.Locale.ROOT));
        }
        s.append(" ageing ").append(ageingSeconds);
        s.append(udpCsum ? " udpcsum" : " noudpcsum");
        return s.toString();
    }
}
