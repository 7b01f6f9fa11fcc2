package io.overlaysim.bgp;

import java.util.List;
import java.util.Optional;

/**
 * An UPDATE (RFC 4271 §4.3): withdrawn IPv4 routes, path attributes in the order received, and
 * IPv4 NLRI. Other families travel in MP_REACH_NLRI / MP_UNREACH_NLRI attributes (RFC 4760).
 *
 * <pre>{@code
 * UpdateMessage u = new UpdateMessage(List.of(), List.of(
 *         PathAttribute.Origin.of(PathAttribute.Origin.IGP), PathAttribute.AsPath.EMPTY,
 *         PathAttribute.NextHop.of(Ipv4Address.parse("192.168.0.176")), PathAttribute.LocalPref.of(100)),
 *     List.of(Nlri.of(Ipv4Prefix.parse("172.16.52.128/26"))));
 * }</pre>
 */
public record UpdateMessage(List<Nlri> withdrawn, List<PathAttribute> attributes, List<Nlri> nlri)
        implements BgpMessage {
    public UpdateMessage {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
    }

    /**
     * The End-of-RIB marker of a family (RFC 4724 §2): an empty UPDATE for IPv4 unicast, else an
     * UPDATE holding only an empty MP_UNREACH_NLRI of that family.
     */
    public static UpdateMessage endOfRib(AfiSafi family) {
        if (family.equals(AfiSafi.IPV4_UNICAST)) {
            return new UpdateMessage(List.of(), List.of(), List.of());
        }
        return new UpdateMessage(List.of(),
                List.of(new PathAttribute.MpUnreachNlri(PathAttribute.optionalNonTransitive, family, new byte[0])),
                List.of());
    }

    /** The family whose End-of-RIB this UPDATE is, if it is one. */
    public Optional<AfiSafi> endOfRib() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty()) {
            return Optional.empty();
        }
        if (attributes.isEmpty()) {
            return Optional.of(AfiSafi.IPV4_UNICAST);
        }
        if (attributes.size() == 1 && attributes.get(0) instanceof PathAttribute.MpUnreachNlri m && m.nlriLength() == 0) {
            return Optional.of(m.family());
        }
        return Optional.empty();
    }

    /** The first attribute of this kind. */
    public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
        for (PathAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }
}
