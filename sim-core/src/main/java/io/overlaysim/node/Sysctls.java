package io.overlaysim.node;

import java.util.HashMap;
import java.util.Map;

/**
 * A node's {@code net.ipv4} sysctls that the stack obeys, with the kernel's defaults. Per-device
 * values ({@code conf.DEV.rp_filter}, {@code conf.DEV.proxy_arp}, {@code neigh.DEV.proxy_delay})
 * fall back to {@code conf.default} for devices not set; {@code rp_filter} in effect is
 * {@code max(conf.all, conf.DEV)} as {@code IN_DEV_RPFILTER} computes it, and {@code proxy_arp}
 * is {@code conf.all || conf.DEV} ({@code IN_DEV_PROXY_ARP}).
 */
public final class Sysctls {
    /** {@code net.ipv4.ip_forward}. */
    public boolean ipForward;
    /** {@code net.ipv4.ip_default_ttl}. */
    public int defaultTtl = 64;
    /** {@code net.ipv4.conf.all.rp_filter}. */
    public int rpFilterAll;
    /** {@code net.ipv4.conf.default.rp_filter}. */
    public int rpFilterDefault;
    /** {@code net.ipv4.conf.all.proxy_arp}. */
    public boolean proxyArpAll;
    /** {@code net.ipv4.conf.all.send_redirects} (and default). */
    public boolean sendRedirects = true;
    /** {@code net.ipv4.icmp_errors_use_inbound_ifaddr}: 0 by default, the route back chooses the source. */
    public boolean icmpErrorsUseInboundIfaddr;
    /** {@code net.ipv4.ipfrag_time} in seconds. */
    public int ipfragTime = 30;
    /** {@code net.ipv4.route.mtu_expires} in seconds. */
    public int mtuExpires = 600;
    /** {@code net.ipv4.route.min_pmtu}. */
    public int minPmtu = 552;
    /** {@code neigh.default.base_reachable_time_ms}. */
    public long baseReachableMillis = 30_000;
    /** {@code neigh.default.delay_first_probe_time} in seconds. */
    public int delayFirstProbeSeconds = 5;
    /** {@code neigh.default.retrans_time_ms}. */
    public long retransMillis = 1_000;
    /** {@code neigh.default.mcast_solicit}. */
    public int mcastSolicit = 3;
    /** {@code neigh.default.ucast_solicit}. */
    public int ucastSolicit = 3;
    /** {@code neigh.default.unres_qlen}: packets queued per unresolved neighbour. */
    public int unresQlen = 101;
    /** {@code neigh.default.proxy_delay} in jiffies of 10 ms (USER_HZ): 80 = up to 0.8 s. */
    public int proxyDelayDefault = 80;
    /**
     * Not a kernel sysctl: a per-node firewall rule that drops every ICMP error this node would
     * send, to plant path-MTU black holes ({@code iptables -A OUTPUT -p icmp --icmp-type 3 -j DROP}).
     */
    public boolean dropIcmpErrors;

    private final Map<String, Integer> rpFilter = new HashMap<>();
    private final Map<String, Boolean> proxyArp = new HashMap<>();
    private final Map<String, Integer> proxyDelay = new HashMap<>();

    public void setRpFilter(String dev, int mode) {
        if (mode < 0 || mode > 2) {
            throw new IllegalArgumentException("rp_filter must be 0, 1 or 2, got " + mode);
        }
        rpFilter.put(dev, mode);
    }

    /** The mode in effect on {@code dev}: {@code max(conf.all.rp_filter, conf.DEV.rp_filter)}. */
    public int rpFilter(String dev) {
        return Math.max(rpFilterAll, rpFilter.getOrDefault(dev, rpFilterDefault));
    }

    public void setProxyArp(String dev, boolean on) {
        proxyArp.put(dev, on);
    }

    public boolean proxyArp(String dev) {
        return proxyArpAll || proxyArp.getOrDefault(dev, false);
    }

    /** {@code neigh.DEV.proxy_delay} in jiffies (Calico sets 0 on its veths). */
    public void setProxyDelay(String dev, int jiffies) {
        proxyDelay.put(dev, jiffies);
    }

    public int proxyDelay(String dev) {
        return proxyDelay.getOrDefault(dev, proxyDelayDefault);
    }

    /** Makes {@code dev} take the {@code conf.default} values, as a new device does. */
    void deviceCreated(String dev) {
        rpFilter.putIfAbsent(dev, rpFilterDefault);
    }
}
