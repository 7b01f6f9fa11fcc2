package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;

/**
 * The session a route came from, as best-path selection needs it: the peer's address, its BGP
 * identifier (router id), its AS, and whether the session is internal (same AS).
 */
public record BgpPeer(Ipv4Address address, Ipv4Address routerId, long asn, boolean internal) {}
