package io.overlaysim.bgp;

import java.util.HashSet;
import java.util.Set;

/**
 * What the codec must know about one direction of a session to read or write its UPDATEs:
 * whether both speakers announced 4-octet AS numbers (RFC 6793 §3), extended messages
 * (RFC 8654), and for which families NLRI carry ADD-PATH path identifiers (RFC 7911 §3).
 *
 * <pre>{@code
 * SessionContext.Negotiated n = SessionContext.negotiate(myOpen, peerOpen);
 * BgpCodec.decode(bytes, 0, bytes.length, n.receive());
 * }</pre>
 */
public record SessionContext(boolean fourOctetAs, boolean extendedMessages, Set<AfiSafi> addPath) {
    /** RFC 4271 with no capability: 2-octet AS numbers, 4096-byte messages, no path identifiers. */
    public static final SessionContext PLAIN = new SessionContext(false, false, Set.of());
    /** 4-octet AS numbers only, as between BIRD and GoBGP in the corpus. */
    public static final SessionContext FOUR_OCTET_AS = new SessionContext(true, false, Set.of());

    public SessionContext {
        addPath = Set.copyOf(addPath);
    }

    /** Whether NLRI of this family carry a 4-octet path identifier in this direction. */
    public boolean addPath(AfiSafi family) {
        return !addPath.isEmpty() && addPath.contains(family);
    }

    /** The largest message allowed: 4096, or 65535 with extended messages (RFC 8654 §4). */
    public int maxMessageLength() {
        return extendedMessages ? 65535 : 4096;
    }

    /** The contexts for the two directions of a session. */
    public record Negotiated(SessionContext receive, SessionContext send) {}

    /**
     * The contexts both OPENs agree on: 4-octet AS and extended messages when both announced
     * them; ADD-PATH per family when one side may send and the other receive (RFC 7911 §4).
     */
    public static Negotiated negotiate(OpenMessage local, OpenMessage remote) {
        boolean as4 = local.capability(Capability.FourOctetAs.class).isPresent()
                && remote.capability(Capability.FourOctetAs.class).isPresent();
        boolean ext = local.capability(Capability.ExtendedMessage.class).isPresent()
                && remote.capability(Capability.ExtendedMessage.class).isPresent();
        Set<AfiSafi> receive = new HashSet<>();
        Set<AfiSafi> send = new HashSet<>();
        var mine = local.capability(Capability.AddPath.class);
        var theirs = remote.capability(Capability.AddPath.class);
        if (mine.isPresent() && theirs.isPresent()) {
            for (Capability.AddPath.Entry m : mine.get().entries()) {
                for (Capability.AddPath.Entry t : theirs.get().entries()) {
                    if (m.family().equals(t.family())) {
                        if (m.canReceive() && t.canSend()) {
                            receive.add(m.family());
                        }
                        if (m.canSend() && t.canReceive()) {
                            send.add(m.family());
                        }
                    }
                }
            }
        }
        return new Negotiated(new SessionContext(as4, ext, receive), new SessionContext(as4, ext, send));
    }
}
