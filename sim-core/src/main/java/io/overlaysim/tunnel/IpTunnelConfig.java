package io.overlaysim.tunnel;

import io.overlaysim.net.Ipv4Address;

/**
 * The parameters of an IPv4-in-IPv4 tunnel ({@code struct ip_tunnel_parm}) as
 * {@code ip tunnel add NAME mode ipip local A remote B ttl N tos T [no]pmtudisc dev LOWER} sets
 * them, and as {@code ip -d link} prints them.
 *
 * @param local the outer source, 0 for {@code any} (the route's choice)
 * @param remote the outer destination, 0 for {@code any} (an NBMA tunnel: the route's gateway)
 * @param ttl the outer TTL, 0 for {@code inherit} (the inner packet's)
 * @param tos the outer TOS; 1 means {@code inherit} (the inner packet's), as in the kernel's low bit
 * @param pmtudisc whether the outer header always carries DF ({@code iph.frag_off = IP_DF})
 * @param link the lower device ({@code dev}), or null
 */
public record IpTunnelConfig(int local, int remote, int ttl, int tos, boolean pmtudisc, String link) {
    /** {@code tos inherit}: the kernel stores it as the low bit of {@code iph.tos}. */
    public static final int TOS_INHERIT = 1;

    /**
     * The fallback device {@code tunl0} ({@code ipip_fb_tunnel_init}): {@code ipip any remote any
     * local any ttl inherit nopmtudisc}, TOS 0.
     */
    public static final IpTunnelConfig FALLBACK = new IpTunnelConfig(0, 0, 0, 0, false, null);

    public IpTunnelConfig {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl " + ttl + " outside 0..255 (0 = inherit)");
        }
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos " + tos + " outside 0..255 (1 = inherit)");
        }
        if (ttl != 0 && !pmtudisc) {
            // iproute2 ip/iptunnel.c refuses it, and the kernel's ip_tunnel_ctl sets DF whenever ttl != 0
            throw new IllegalArgumentException("ttl " + ttl + " and nopmtudisc are incompatible (a fixed ttl needs pmtudisc)");
        }
    }

    /**
     * {@code ip tunnel add NAME mode ipip local A remote B}: ttl inherit, tos 0 and
     * {@code pmtudisc}, the defaults of iproute2's {@code ip/iptunnel.c} (it sets DF unless told
     * {@code nopmtudisc}).
     */
    public static IpTunnelConfig pointToPoint(String local, String remote) {
        return new IpTunnelConfig(Ipv4Address.parse(local).bits(), Ipv4Address.parse(remote).bits(), 0, 0, true, null);
    }

    public IpTunnelConfig withTtl(int t) {
        return new IpTunnelConfig(local, remote, t, tos, pmtudisc, link);
    }

    public IpTunnelConfig withTos(int t) {
        return new IpTunnelConfig(local, remote, ttl, t, pmtudisc, link);
    }

    public IpTunnelConfig withPmtudisc(boolean on) {
        return new IpTunnelConfig(local, remote, ttl, tos, on, link);
    }

    public IpTunnelConfig withLink(String dev) {
        return new IpTunnelConfig(local, remote, ttl, tos, pmtudisc, dev);
    }

    /** The tunnel part of {@code ip -d link}, as iproute2's {@code iptunnel_print_opt} prints it. */
    public String ipLinkText() {
        StringBuilder s = new StringBuilder("ipip any remote ");
        s.append(remote == 0 ? "any" : Ipv4Address.format(remote));
        s.append(" local ").append(local == 0 ? "any" : Ipv4Address.format(local));
        if (link != null) {
            s.append(" dev ").append(link);
        }
        s.append(ttl == 0 ? " ttl inherit" : " ttl " + ttl);
        if (tos == TOS_INHERIT) {
            s.append(" tos inherit");
        } else if (tos != 0) {
            s.append(" tos 0x").append(Integer.toHexString(tos));
        }
        s.append(pmtudisc ? " pmtudisc" : " nopmtudisc");
        return s.toString();
    }
}
