package io.overlaysim.device;

import io.overlaysim.packet.PacketBuffer;

/**
 * A capture point on a device: sees every frame the device receives and sends, as tcpdump on
 * that device would, at the moment it happens. Implemented by the capture recorder; devices
 * never know what is done with the frames. The frame must not be modified or kept: copy what
 * is needed.
 */
public interface DeviceTap {
    /**
     * One frame seen on {@code dev}.
     *
     * @param transmit true when the device sends it, false when it receives it
     * @param time the simulated time in nanoseconds
     */
    void frame(NetDevice dev, boolean transmit, PacketBuffer frame, long time);
}
