package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;

/** An address on a device, as {@code ip addr add 192.168.0.176/24 dev enp1s0} gives it. */
public record AddressSpec(Ipv4Address address, int prefixLength, String dev, String scope) {
    /** The connected prefix the address implies ({@code 192.168.0.0/24}). */
    public Ipv4Prefix prefix() {
        return Ipv4Prefix.of(address, prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength + " dev " + dev;
    }
}
