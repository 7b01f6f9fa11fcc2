package io.overlaysim.iproute;

import java.util.List;

/**
 * What {@code ip -d link} adds to a link: promiscuity, MTU bounds, the kind line, the port line
 * and the trailing generic attributes ({@code addrgenmode}, {@code numtxqueues}, GSO limits...).
 *
 * @param promiscuity the promiscuity count, or null when not printed
 * @param allmulti the allmulti count (iproute2 6.0+), or null
 * @param minMtu {@code minmtu}, or null
 * @param maxMtu {@code maxmtu}, or null
 * @param kind the kind line ({@code vxlan id ...}), or null for a device without one ({@code lo}, a NIC)
 * @param slave the port line ({@code bridge_slave ...}), or null
 * @param generic the generic attributes as key value tokens, in printed order
 */
public record LinkDetails(Integer promiscuity, Integer allmulti, Integer minMtu, Integer maxMtu,
                          LinkKind kind, LinkSlave slave, List<String> generic) {
    public LinkDetails {
        generic = List.copyOf(generic);
    }

    /** A generic attribute's value ({@code numtxqueues}, {@code gso_max_size}...), or null. */
    public String genericAttribute(String key) {
        return LinkKind.valueAfter(generic, key);
    }
}
