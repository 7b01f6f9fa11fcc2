package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import java.util.Optional;

/** The settings of a tunnel device, as {@code ip link add ... type vxlan|ipip} takes them. */
public sealed interface TunnelSpec {
    /** The lower device, when given. */
    Optional<String> dev();

    /** The local (outer source) address, when given. */
    Optional<Ipv4Address> local();

    /**
     * A VXLAN device.
     *
     * @param vni the VXLAN network identifier ({@code id})
     * @param port the UDP destination port ({@code dstport})
     * @param df the outer DF policy: "set", "unset", "inherit", or empty for the kernel's default
     * @param srcPortMin the low end of the source-port range, or -1 for the kernel's default
     */
    record Vxlan(int vni, int port, Optional<Ipv4Address> local, Optional<String> dev, boolean learning,
            OuterField ttl, OuterField tos, Optional<String> df, int srcPortMin, int srcPortMax) implements TunnelSpec {
        /** The IANA port, Calico's. */
        public static final int IANA_PORT = 4789;
    }

    /** An IPIP device: point-to-point with a remote, or the {@code tunl0}-style fallback without. */
    record Ipip(Optional<Ipv4Address> local, Optional<Ipv4Address> remote, Optional<String> dev,
            OuterField ttl, OuterField tos, boolean pmtudisc) implements TunnelSpec {
    }

    /** An outer header field a tunnel sets: the kernel's default, inherited from the inner packet, or fixed. */
    record OuterField(Mode mode, int value) {
        public static final OuterField DEFAULT = new OuterField(Mode.DEFAULT, 0);
        public static final OuterField INHERIT = new OuterField(Mode.INHERIT, 0);

        public static OuterField fixed(int value) {
            return new OuterField(Mode.FIXED, value);
        }

        public enum Mode { DEFAULT, INHERIT, FIXED }
    }
}
