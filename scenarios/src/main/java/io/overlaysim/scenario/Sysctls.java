package io.overlaysim.scenario;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * A node's kernel settings, by their sysctl names.
 *
 * @param rpFilter {@code net.ipv4.conf.KEY.rp_filter} by key ({@code all}, {@code default}, a device)
 * @param proxyArp {@code net.ipv4.conf.KEY.proxy_arp} by key
 * @param dropIcmpErrors not a kernel setting: the node drops every ICMP error it would send
 *     (a firewall's effect), to plant a PMTUD black hole
 */
public record Sysctls(
        OptionalInt ipForward,
        SequencedMap<String, Integer> rpFilter,
        SequencedMap<String, Integer> proxyArp,
        OptionalInt fibMultipathHashPolicy,
        boolean dropIcmpErrors) {
    /** The rp_filter the kernel applies on a device: the maximum of {@code all} and the device's (see {@code IN_DEV_RPFILTER}). */
    public Optional<Integer> effectiveRpFilter(String device) {
        Integer all = rpFilter.get("all");
        Integer dev = rpFilter.getOrDefault(device, rpFilter.get("default"));
        if (all == null && dev == null) {
            return Optional.empty();
        }
        return Optional.of(Math.max(all == null ? 0 : all, dev == null ? 0 : dev));
    }
}
