package io.overlaysim.device;

/**
 * A device's statistics as {@code ip -s link} shows them ({@code struct rtnl_link_stats64}):
 * packets and bytes received and sent, drops and errors each way.
 */
public final class DeviceCounters {
    long rxPackets;
    long rxBytes;
    long rxDropped;
    long rxErrors;
    long txPackets;
    long txBytes;
    long txDropped;
    long txErrors;

    public long rxPackets() {
        return rxPackets;
    }

    public long rxBytes() {
        return rxBytes;
    }

    public long rxDropped() {
        return rxDropped;
    }

    public long rxErrors() {
        return rxErrors;
    }

    public long txPackets() {
        return txPackets;
    }

    public long txBytes() {
        return txBytes;
    }

    public long txDropped() {
        return txDropped;
    }

    public long txErrors() {
        return txErrors;
    }

    /** Counts a received packet dropped by the layer above (the kernel's {@code rx_dropped}). */
    public void countRxDropped() {
        rxDropped++;
    }

    /** Counts a packet the device could not send (a tunnel's {@code tx_errors}: no outer route, a loop). */
    public void countTxError() {
        txErrors++;
    }

    /** Counts a packet the device dropped on transmit (a VXLAN device without an FDB target). */
    public void countTxDropped() {
        txDropped++;
    }

    /** Counts a received packet that was malformed for the device (a tunnel's {@code rx_errors}). */
    public void countRxError() {
        rxErrors++;
    }

    /** The counters in the layout of {@code ip -s link}'s RX/TX lines. */
    @Override
    public String toString() {
        return "RX: bytes " + rxBytes + " packets " + rxPackets + " errors " + rxErrors + " dropped " + rxDropped
                + "\nTX: bytes " + txBytes + " packets " + txPackets + " errors " + txErrors + " dropped " + txDropped;
    }
}
