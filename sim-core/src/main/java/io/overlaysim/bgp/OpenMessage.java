package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OPEN (RFC 4271 §4.2): version, My AS (2 octets; AS_TRANS 23456 when the real AS needs 4,
 * RFC 6793 §4.2.1), hold time, BGP identifier and optional parameters. Every parameter here is a
 * Capabilities parameter (type 2, RFC 5492 §4), each holding a list: BIRD and GoBGP put all
 * their capabilities in one, others use one parameter per capability. {@code extendedParameters}
 * says whether the parameters used the extended length encoding of RFC 9072.
 *
 * <pre>{@code
 * OpenMessage o = OpenMessage.of(64512, 240, Ipv4Address.parse("192.168.0.176"),
 *         List.of(new Capability.MultiProtocol(AfiSafi.IPV4_UNICAST), new Capability.FourOctetAs(64512)));
 * o.peerAs(); // 64512
 * }</pre>
 */
public record OpenMessage(int version, int myAs, int holdTime, Ipv4Address bgpIdentifier,
                          List<List<Capability>> parameters, boolean extendedParameters) implements BgpMessage {
    public static final int VERSION = 4;
    public static final int AS_TRANS = 23456;

    public OpenMessage {
        if (version < 0 || version > 255 || myAs < 0 || myAs > 0xffff || holdTime < 0 || holdTime > 0xffff) {
            throw new IllegalArgumentException("version 0..255, My AS and hold time 0..65535 expected");
        }
        List<List<Capability>> copy = new ArrayList<>();
        for (List<Capability> p : parameters) {
            copy.add(List.copyOf(p));
        }
        parameters = List.copyOf(copy);
    }

    /** An OPEN of version 4 with all capabilities in one parameter; My AS is AS_TRANS above 65535. */
    public static OpenMessage of(long asn, int holdTime, Ipv4Address id, List<Capability> capabilities) {
        int myAs = asn > 0xffff ? AS_TRANS : (int) asn;
        return new OpenMessage(VERSION, myAs, holdTime, id,
                capabilities.isEmpty() ? List.of() : List.of(capabilities), false);
    }

    /** All capabilities of all parameters, in order. */
    public List<Capability> capabilities() {
        List<Capability> all = new ArrayList<>();
        parameters.forEach(all::addAll);
        return all;
    }

    /** The first capability of this kind, if announced. */
    public <T extends Capability> Optional<T> capability(Class<T> kind) {
        for (List<Capability> p : parameters) {
            for (Capability c : p) {
                if (kind.isInstance(c)) {
                    return Optional.of(kind.cast(c));
                }
            }
        }
        return Optional.empty();
    }

    /** The sender's AS: the 4-octet AS capability's when present (RFC 6793 §4.1), else My AS. */
    public long peerAs() {
        return capability(Capability.FourOctetAs.class).map(Capability.FourOctetAs::asn).orElse((long) myAs);
    }

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }
}
