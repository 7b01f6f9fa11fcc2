package io.overlaysim.device;

import io.overlaysim.packet.PacketBuffer;

/**
 * Sending one frame to several places (a bridge or a switch flooding): the ledger sees the
 * original consumed and one new packet per copy, so every copy is accounted for.
 */
final class Flooding {
    private Flooding() {
    }

    /** {@code n} frames to send: {@code frame} itself when {@code n} is 1, else fresh copies. */
    static PacketBuffer[] copies(DeviceOwner node, PacketBuffer frame, int n, String what) {
        PacketBuffer[] out = new PacketBuffer[n];
        if (n == 1) {
            out[0] = frame;
            return out;
        }
        for (int i = 0; i < n; i++) {
            PacketBuffer c = frame.copy();
            c.setMark(frame.mark());
            node.created(c, what);
            out[i] = c;
        }
        node.consume(frame);
        return out;
    }
}
