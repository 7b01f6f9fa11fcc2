package io.overlaysim.iproute;

import java.util.List;

/**
 * The kind line of {@code ip -d link} ({@code IFLA_INFO_KIND} and its {@code IFLA_INFO_DATA}):
 * typed for the kinds overlays are built from, raw tokens for the rest.
 */
public sealed interface LinkKind {

    /** The kind's name as {@code ip} prints it ({@code vxlan}, {@code ipip}, {@code veth}...). */
    String name();

    /**
     * A VXLAN device, as {@code vxlan_print_opt} in iproute2's {@code ip/iplink_vxlan.c} prints
     * it. Fields not printed are null; {@code flags} holds the bare words that are only printed
     * when set ({@code proxy}, {@code rsc}, {@code l2miss}, {@code l3miss}, {@code remcsumtx},
     * {@code remcsumrx}, {@code gbp}, {@code gpe}, {@code external}); {@code extra} keeps any
     * other token in order so that newer iproute2 output still round-trips.
     *
     * @param vni the VXLAN network identifier ({@code id}), null for {@code external} devices
     * @param group multicast group, or null
     * @param remote unicast remote VTEP, or null
     * @param local local VTEP address, or null
     * @param dev the underlay device ({@code dev}), or null
     * @param srcPortMin low end of {@code srcport}, or null
     * @param srcPortMax high end of {@code srcport}, or null
     * @param dstPort UDP destination port ({@code dstport}), or null
     * @param learning false when {@code nolearning} was printed; null when unknown
     * @param tos {@code inherit} or a hex value, or null
     * @param ttl a number, {@code auto} or {@code inherit}, or null
     * @param df {@code set} or {@code inherit}, or null for the default {@code unset} (not printed)
     * @param flowLabel {@code flowlabel} as printed, or null
     * @param ageing seconds or {@code none}, or null
     * @param maxAddress {@code maxaddr}, or null
     * @param udpCsum {@code udpcsum} (true) / {@code noudpcsum} (false), or null
     * @param udp6ZeroCsumTx {@code udp6zerocsumtx} / {@code noudp6zerocsumtx}, or null
     * @param udp6ZeroCsumRx {@code udp6zerocsumrx} / {@code noudp6zerocsumrx}, or null
     */
    record Vxlan(Integer vni, String group, String remote, String local, String dev,
                 Integer srcPortMin, Integer srcPortMax, Integer dstPort, Boolean learning,
                 List<String> flags, String tos, String ttl, String df, String flowLabel,
                 String ageing, Integer maxAddress, Boolean udpCsum, Boolean udp6ZeroCsumTx,
                 Boolean udp6ZeroCsumRx, List<String> extra) implements LinkKind {
        public Vxlan {
            flags = List.copyOf(flags);
            extra = List.copyOf(extra);
        }

        @Override
        public String name() {
            return "vxlan";
        }

        /**
         * Whether the device learns remote MACs from received frames. The kernel's default is
         * on (and {@code ip} then prints nothing), so only {@code nolearning} turns it off.
         */
        public boolean learns() {
            return learning == null || learning;
        }
    }

    /**
     * An IPIP tunnel ({@code tunl0}, or {@code ip link add ... type ipip}), as
     * {@code iptunnel_print_opt} in iproute2's {@code ip/link_iptnl.c} prints it.
     *
     * @param proto {@code ipip}, {@code any}, {@code mplsip}..., or null (older iproute2)
     * @param remote the remote address or {@code any}, or null
     * @param local the local address or {@code any}, or null
     * @param dev the underlay device, or null
     * @param ttl a number or {@code inherit}, or null
     * @param tos a hex value or {@code inherit}, or null
     * @param pmtudisc {@code pmtudisc} (true) / {@code nopmtudisc} (false), or null
     * @param extra any other token, in order
     */
    record Ipip(String proto, String remote, String local, String dev, String ttl, String tos,
                Boolean pmtudisc, List<String> extra) implements LinkKind {
        public Ipip {
            extra = List.copyOf(extra);
        }

        @Override
        public String name() {
            return "ipip";
        }
    }

    /** A veth device: the kind line carries nothing of its own (the peer is in {@link LinkRef}). */
    record Veth(List<String> extra) implements LinkKind {
        public Veth {
            extra = List.copyOf(extra);
        }

        @Override
        public String name() {
            return "veth";
        }
    }

    /**
     * A bridge: key value attributes as printed ({@code forward_delay 1500 ... stp_state 0 ...
     * vlan_filtering 0 ...}).
     */
    record Bridge(List<String> attributes) implements LinkKind {
        public Bridge {
            attributes = List.copyOf(attributes);
        }

        @Override
        public String name() {
            return "bridge";
        }

        public String attribute(String key) {
            return valueAfter(attributes, key);
        }

        public boolean stp() {
            String s = attribute("stp_state");
            return s != null && !s.equals("0");
        }

        public boolean vlanFiltering() {
            String s = attribute("vlan_filtering");
            return s != null && !s.equals("0");
        }
    }

    /** Any other kind ({@code dummy}, {@code wireguard}, {@code geneve}...), kept as raw tokens. */
    record Other(String name, List<String> tokens) implements LinkKind {
        public Other {
            tokens = List.copyOf(tokens);
        }
    }

    /** The token printed right after {@code key} in a key value list, or null. */
    static String valueAfter(List<String> tokens, String key) {
        for (int i = 0; i + 1 < tokens.size(); i += 1) {
            if (tokens.get(i).equals(key)) {
                return tokens.get(i + 1);
            }
        }
        return null;
    }
}
