package io.overlaysim.device;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;

/**
 * What a device hands its frames to: the node (network namespace) it belongs to, or a bridge
 * it is a port of. Received frames go up ({@code netif_receive_skb}); frames the device or its
 * channel had to drop are reported with a reason so that the ledger stays whole.
 */
public interface DeviceOwner {
    /** The simulation the device runs in. */
    Simulation simulation();

    /** A frame received on {@code dev} (after the device's own counters and taps). */
    void receive(NetDevice dev, PacketBuffer frame);

    /** A frame {@code dev} (or its channel) dropped. */
    void dropped(NetDevice dev, PacketBuffer frame, DropReason reason);

    /** Gives {@code p}, a copy made below the stack (a bridge or switch flooding), its ledger id. */
    default void created(PacketBuffer p, String what) {
    }

    /** {@code p} turned into other packets (copies): the ledger counts it consumed. */
    default void consume(PacketBuffer p) {
    }

    /** {@code dev}'s admin state, carrier or MTU changed ({@code netdev_state_change}: the FIB follows). */
    default void linkChanged(NetDevice dev) {
    }
}
