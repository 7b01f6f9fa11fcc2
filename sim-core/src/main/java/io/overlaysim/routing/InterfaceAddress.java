package io.overlaysim.routing;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;

/**
 * An IPv4 address on a device, as {@code ip addr} shows it: {@code inet 192.168.0.176/24 brd
 * 192.168.0.255 scope global enp1s0}. Adding one to a node creates the routes the kernel's
 * {@code fib_add_ifaddr} creates (local, broadcast, and the connected prefix route unless
 * {@code noprefixroute}).
 *
 * @param device the device name ({@code enp1s0})
 * @param address the address itself, host bits kept
 * @param prefixLength the length written after the slash
 * @param peer the peer of a point-to-point address ({@code peer 10.0.0.2/32}), or null
 * @param broadcast the {@code brd} address, or null when none was given
 * @param scope {@code global}, {@code link}, {@code host} or a number, as printed
 * @param label the label ({@code eth0:1}), or null when it is the device name
 * @param secondary whether the kernel marked it {@code secondary}
 * @param noPrefixRoute whether {@code noprefixroute} was given
 */
public record InterfaceAddress(
        String device,
        Ipv4Address address,
        int prefixLength,
        Ipv4Address peer,
        Ipv4Address broadcast,
        String scope,
        String label,
        boolean secondary,
        boolean noPrefixRoute) {

    /** A primary global address with no broadcast, no peer: {@code ip addr add A/LEN dev DEV}. */
    public static InterfaceAddress of(String device, Ipv4Address address, int prefixLength) {
        return new InterfaceAddress(device, address, prefixLength, null, null, "global", null, false, false);
    }

    /** The connected prefix: {@code 192.168.0.0/24} for {@code 192.168.0.176/24}. */
    public Ipv4Prefix prefix() {
        return Ipv4Prefix.of(peer != null ? peer : address, prefixLength);
    }
}
