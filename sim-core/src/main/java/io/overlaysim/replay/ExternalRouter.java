package io.overlaysim.replay;

import io.overlaysim.net.Ipv4Address;
import java.util.List;

/**
 * A router the dumps point at but do not describe: a gateway address that belongs to no node,
 * on a segment of the cluster. It gets one device on that segment and nothing beyond.
 *
 * @param name its name ({@code gw-192.168.0.1})
 * @param address the gateway address
 * @param prefixLength the segment's prefix length
 * @param segment the segment it sits on
 * @param device its device ({@code eth0})
 * @param usedBy the nodes routing through it
 */
public record ExternalRouter(String name, Ipv4Address address, int prefixLength, String segment, String device,
                             List<String> usedBy) {
    public ExternalRouter {
        usedBy = List.copyOf(usedBy);
    }
}
