package io.overlaysim.device;

import io.overlaysim.packet.PacketBuffer;

/** What an {@link EthernetDevice} is plugged into: a point-to-point link or a shared segment. */
public interface Channel {
    /** Carries a frame sent by {@code from} (already counted and tapped by it). */
    void transmit(EthernetDevice from, PacketBuffer frame);
}
