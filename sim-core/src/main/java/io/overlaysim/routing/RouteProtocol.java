package io.overlaysim.routing;

/**
 * Who installed a route ({@code rtm_protocol}), by number, with iproute2's names from
 * {@code rt_protos}; numbers without a name print as numbers ({@code proto 80}, as Felix's routes).
 */
public record RouteProtocol(int id) {
    public static final RouteProtocol UNSPEC = new RouteProtocol(0);
    public static final RouteProtocol REDIRECT = new RouteProtocol(1);
    public static final RouteProtocol KERNEL = new RouteProtocol(2);
    public static final RouteProtocol BOOT = new RouteProtocol(3);
    public static final RouteProtocol STATIC = new RouteProtocol(4);

    private static final String[] NAMES = new String[256];

    static {
        String[][] names = {
            {"0", "unspec"}, {"1", "redirect"}, {"2", "kernel"}, {"3", "boot"}, {"4", "static"},
            {"8", "gated"}, {"9", "ra"}, {"10", "mrt"}, {"11", "zebra"}, {"12", "bird"},
            {"13", "dnrouted"}, {"14", "xorp"}, {"15", "ntk"}, {"16", "dhcp"}, {"18", "keepalived"},
            {"42", "babel"}, {"99", "openr"}, {"186", "bgp"}, {"187", "isis"}, {"188", "ospf"},
            {"189", "rip"}, {"192", "eigrp"},
        };
        for (String[] n : names) {
            NAMES[Integer.parseInt(n[0])] = n[1];
        }
    }

    public RouteProtocol {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("protocol out of range 0..255: " + id);
        }
    }

    /** Parses a name or a number 0..255; null when neither. */
    public static RouteProtocol parse(String s) {
        for (int i = 0; i < NAMES.length; i++) {
            if (s.equals(NAMES[i])) {
                return new RouteProtocol(i);
            }
        }
        Integer n = Numbers.parseUnsigned(s, 255);
        return n == null ? null : new RouteProtocol(n);
    }

    @Override
    public String toString() {
        String n = NAMES[id];
        return n != null ? n : Integer.toString(id);
    }
}
