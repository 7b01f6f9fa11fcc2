package io.overlaysim.device;

/** What a device's frames start with ({@code link/ether}, {@code link/ipip}, {@code link/loopback}). */
public enum LinkType {
    /** An Ethernet header; the IPv4 stack resolves neighbours with ARP. */
    ETHERNET,
    /** Raw IP, no link header, no neighbour resolution ({@code tunl0}, {@code link/ipip}). */
    NONE,
    /** The loopback device: an Ethernet header of zeros, no ARP. */
    LOOPBACK
}
