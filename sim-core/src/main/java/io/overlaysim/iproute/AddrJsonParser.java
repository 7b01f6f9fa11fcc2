package io.overlaysim.iproute;

import com.fasterxml.jackson.databind.JsonNode;
import io.overlaysim.net.AddressFormatException;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.routing.InterfaceAddress;
import java.util.ArrayList;
import java.util.List;

/** Reads the IPv4 addresses of {@code ip -j addr}: each link's {@code addr_info} of family inet. */
public final class AddrJsonParser {
    private AddrJsonParser() {
    }

    public static List<InterfaceAddress> parse(String file, String text) {
        List<InterfaceAddress> out = new ArrayList<>();
        for (JsonDump.Element e : JsonDump.read(file, text)) {
            JsonNode link = e.node();
            String dev = link.path("ifname").asText(null);
            if (dev == null) {
                throw JsonDump.fieldError(file, e, "ifname", "a device name", null);
            }
            for (JsonNode a : link.path("addr_info")) {
                if (!"inet".equals(a.path("family").asText())) {
                    continue;
                }
                try {
                    Ipv4Address local = Ipv4Address.parse(a.path("local").asText());
                    Ipv4Address peer = a.has("address") ? Ipv4Address.parse(a.get("address").asText()) : null;
                    Ipv4Address brd = a.has("broadcast") ? Ipv4Address.parse(a.get("broadcast").asText()) : null;
                    String label = a.path("label").asText(dev);
                    out.add(new InterfaceAddress(dev, local, a.path("prefixlen").asInt(32), peer, brd,
                            a.path("scope").asText("global"), label.equals(dev) ? null : label,
                            a.path("secondary").asBoolean(false), a.path("noprefixroute").asBoolean(false)));
                } catch (AddressFormatException ex) {
                    throw JsonDump.fieldError(file, e, "addr_info", "IPv4 addresses", a);
                }
            }
        }
        return out;
    }
}
