package io.overlaysim.replay;

import io.overlaysim.net.Ipv4Prefix;
import java.util.List;

/**
 * A shared Layer-2 segment inferred from a connected prefix that devices of several nodes (and
 * maybe an external router) hold.
 *
 * @param name its name ({@code net-192.168.0.0-24})
 * @param prefix the connected prefix
 * @param endpoints the devices on it, {@code NODE/DEVICE}, nodes in order, then routers
 * @param mtu the MTU its node endpoints agree on (the first's when they do not)
 */
public record Segment(String name, Ipv4Prefix prefix, List<String> endpoints, int mtu) {
    public Segment {
        endpoints = List.copyOf(endpoints);
    }
}
