package io.overlaysim.device;

import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;

/** An Ethernet NIC plugged into a {@link Channel} (a point-to-point link or a segment). */
public class EthernetDevice extends NetDevice {
    private Channel channel;

    public EthernetDevice(String name, long mac, int mtu) {
        super(name, mac, mtu);
    }

    @Override
    public LinkType linkType() {
        return LinkType.ETHERNET;
    }

    public Channel channel() {
        return channel;
    }

    /** Plugs the device into a channel (done by the channel's {@code connect}). */
    void plug(Channel c) {
        this.channel = c;
    }

    @Override
    protected void send(PacketBuffer frame) {
        if (channel == null) {
            lostInTransit(frame, DropReason.LINK_DOWN);
            return;
        }
        if (!(this instanceof VethDevice)) {
            // a NIC completes a CHECKSUM_PARTIAL checksum on transmit (the receiver's skb is not partial); a veth passes it on
            frame.clearChecksumPartial();
        }
        channel.transmit(this, frame);
    }
}
