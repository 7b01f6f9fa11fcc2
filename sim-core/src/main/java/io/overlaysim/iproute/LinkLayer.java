package io.overlaysim.iproute;

/**
 * A link's second line in {@code ip link}: {@code link/ether MAC brd MAC},
 * {@code link/ipip 0.0.0.0 brd 0.0.0.0}, {@code link/loopback ...}, {@code link/none}.
 *
 * @param type the word after {@code link/} ({@code ether}, {@code ipip}, {@code loopback},
 *             {@code none}, {@code void}, ...)
 * @param address the device address as printed (a MAC, an IPv4 address for tunnels), or null
 * @param broadcast the {@code brd} (or {@code peer}) address, or null
 * @param pointToPoint whether the second address was printed as {@code peer} rather than {@code brd}
 */
public record LinkLayer(String type, String address, String broadcast, boolean pointToPoint) {
    public LinkLayer {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("link type required");
        }
    }

    public boolean isEther() {
        return type.equals("ether");
    }
}
