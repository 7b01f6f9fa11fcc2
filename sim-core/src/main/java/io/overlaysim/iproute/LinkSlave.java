package io.overlaysim.iproute;

import java.util.List;

/**
 * The {@code -d} line that describes a device as a port of another ({@code bridge_slave ...},
 * {@code bond_slave ...}): its kind and its attributes, kept as printed.
 *
 * @param kind the slave kind without the {@code _slave} suffix ({@code bridge}, {@code bond})
 * @param attributes the tokens after the kind, in order (key value pairs for {@code bridge_slave})
 */
public record LinkSlave(String kind, List<String> attributes) {
    public LinkSlave {
        attributes = List.copyOf(attributes);
    }

    /** The value printed after {@code key}, or null. */
    public String attribute(String key) {
        return LinkKind.valueAfter(attributes, key);
    }
}
