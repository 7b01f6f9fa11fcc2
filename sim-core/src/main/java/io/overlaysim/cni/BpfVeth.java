package io.overlaysim.cni;

import io.overlaysim.device.EthernetDevice;
import io.overlaysim.packet.PacketBuffer;

/**
 * One end of a veth pair with a tc egress program ({@code tc filter add dev DEV egress bpf}),
 * as {@code cilium_host} carries Cilium's {@code cil_from_host}: a frame the stack sends out of
 * the device is shown to the program first, which either takes it (redirect, encapsulation,
 * drop) or lets it go on to the peer ({@code TC_ACT_OK}). Unlike the kernel, where taps
 * ({@code dev_queue_xmit_nit}) run after tc egress, a capture on the device also shows the
 * frames the program redirected: {@code NetDevice#transmit} taps before the driver.
 */
final class BpfVeth extends EthernetDevice {
    /** A tc program: returns true when it took the frame. */
    interface Program {
        boolean run(BpfVeth dev, PacketBuffer frame);
    }

    private Program egress;

    BpfVeth(String name, long mac, int mtu) {
        super(name, mac, mtu);
    }

    void attachEgress(Program p) {
        this.egress = p;
    }

    @Override
    protected void send(PacketBuffer frame) {
        if (egress != null && egress.run(this, frame)) {
            return;
        }
        super.send(frame);
    }
}
