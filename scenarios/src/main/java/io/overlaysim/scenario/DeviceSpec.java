package io.overlaysim.scenario;

import io.overlaysim.net.MacAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A declared device of a node.
 *
 * @param mtu empty for the kind's default (1500, or the lower device's minus the overhead)
 * @param mac empty for one derived from the seed
 * @param peer a veth's other end
 * @param master the bridge this device is a port of
 * @param tunnel the tunnel settings of an ipip or vxlan device
 */
public record DeviceSpec(
        String name,
        DeviceKind kind,
        OptionalInt mtu,
        Optional<MacAddress> mac,
        boolean up,
        Optional<DeviceRef> peer,
        Optional<String> master,
        Optional<TunnelSpec> tunnel) {
}
