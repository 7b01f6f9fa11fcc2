package io.overlaysim.node;

import io.overlaysim.device.DeviceTap;
import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A test tap: every frame a device sent or received, with its time. */
final class Frames implements DeviceTap {
    record Frame(long time, boolean transmit, byte[] bytes) {
        int etherType() {
            return ((bytes[12] & 0xff) << 8) | (bytes[13] & 0xff);
        }

        boolean isArp() {
            return etherType() == 0x0806;
        }

        boolean isIpv4() {
            return etherType() == 0x0800;
        }

        int u8(int at) {
            return bytes[at] & 0xff;
        }

        int u16(int at) {
            return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
        }

        int u32(int at) {
            return (u16(at) << 16) | u16(at + 2);
        }

        /** IPv4 fields, the header at byte 14. */
        int ipTotalLength() {
            return u16(16);
        }

        int ipProto() {
            return u8(23);
        }

        int ipSrc() {
            return u32(26);
        }

        int ipDst() {
            return u32(30);
        }

        int ipTtl() {
            return u8(22);
        }

        int fragWord() {
            return u16(20);
        }

        int icmpType() {
            return u8(34);
        }

        int icmpCode() {
            return u8(35);
        }
    }

    final List<Frame> frames = new ArrayList<>();

    static Frames on(NetDevice dev) {
        Frames f = new Frames();
        dev.addTap(f);
        return f;
    }

    @Override
    public void frame(NetDevice dev, boolean transmit, PacketBuffer frame, long time) {
        frames.add(new Frame(time, transmit, frame.toByteArray()));
    }

    List<Frame> sent() {
        return frames.stream().filter(Frame::transmit).toList();
    }

    List<Frame> received() {
        return frames.stream().filter(f -> !f.transmit()).toList();
    }

    List<Frame> where(Predicate<Frame> p) {
        return frames.stream().filter(p).toList();
    }
}
