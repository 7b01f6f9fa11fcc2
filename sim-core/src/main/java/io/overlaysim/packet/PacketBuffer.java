package io.overlaysim.packet;

import java.util.Arrays;

/**
 * A packet as a byte region with headroom and tailroom, after the kernel's {@code sk_buff}: a
 * backing array and the offsets {@code start} (skb->data) and {@code end} (skb->tail).
 *
 * <p>Encapsulation prepends a header without copying the payload ({@link #push}, as
 * {@code skb_push}); decapsulation moves the start forward ({@link #pull}, as
 * {@code skb_pull}); {@link #put} appends at the tail ({@code skb_put}) and {@link #trim} cuts
 * it ({@code skb_trim}). Offsets handed out are indexes into {@link #array()}, so header views
 * ({@link Ipv4Header#ttl(byte[], int)} and friends) work on them directly. The array is
 * replaced only when headroom or tailroom runs out, so an offset taken before a {@code push}
 * or {@code put} must be re-read relative to {@link #start()} afterwards; the network and
 * transport header marks are moved along automatically.
 *
 * <pre>{@code
 * PacketBuffer p = PacketBuffer.allocate(64);   // 128 bytes of headroom, room for 64 bytes
 * int udp = p.put(8 + 4);                       // UDP header + payload at the tail
 * int ip = p.push(Ipv4Header.MIN_LENGTH);       // IPv4 header in front, no copy
 * p.pull(Ipv4Header.MIN_LENGTH);                // and off again
 * }</pre>
 *
 * <p>Not thread-safe; a packet belongs to one event at a time.
 */
public final class PacketBuffer {
    /**
     * Headroom a new buffer gets: room for Ethernet (14, or 18 with a VLAN tag) + IPv4 with
     * options (up to 60) + UDP (8) + VXLAN (8) + inner Ethernet (14) = 108, rounded up.
     */
    public static final int DEFAULT_HEADROOM = 128;

    /** No header mark set. */
    public static final int UNSET = -1;

    private byte[] data;
    private int start;
    private int end;
    private int networkHeader = UNSET;
    private int transportHeader = UNSET;
    private int checksumStart = UNSET;
    private long id;
    private int mark;
    private int flags;
    private int nextHop;

    private PacketBuffer(byte[] data, int start, int end) {
        this.data = data;
        this.start = start;
        this.end = end;
    }

    /** An empty buffer with {@link #DEFAULT_HEADROOM} and {@code capacity} bytes of tailroom. */
    public static PacketBuffer allocate(int capacity) {
        return allocate(DEFAULT_HEADROOM, capacity);
    }

    /** An empty buffer with the given headroom and tailroom. */
    public static PacketBuffer allocate(int headroom, int capacity) {
        if (headroom < 0 || capacity < 0) {
            throw new IllegalArgumentException("negative headroom " + headroom + " or capacity " + capacity);
        }
        return new PacketBuffer(new byte[headroom + capacity], headroom, headroom);
    }

    /** A buffer holding a copy of {@code bytes[off, off+len)} behind {@link #DEFAULT_HEADROOM}. */
    public static PacketBuffer copyOf(byte[] bytes, int off, int len) {
        PacketBuffer p = allocate(DEFAULT_HEADROOM, len);
        System.arraycopy(bytes, off, p.data, p.start, len);
        p.end = p.start + len;
        return p;
    }

    /** A buffer holding a copy of {@code bytes} behind {@link #DEFAULT_HEADROOM}. */
    public static PacketBuffer copyOf(byte[] bytes) {
        return copyOf(bytes, 0, bytes.length);
    }

    /** The backing array; valid bytes are {@code [start(), end())}. */
    public byte[] array() {
        return data;
    }

    /** Offset of the first byte of the packet in {@link #array()}. */
    public int start() {
        return start;
    }

    /** Offset one past the last byte of the packet in {@link #array()}. */
    public int end() {
        return end;
    }

    public int length() {
        return end - start;
    }

    public int headroom() {
        return start;
    }

    public int tailroom() {
        return data.length - end;
    }

    /**
     * Prepends {@code n} bytes (skb_push) and returns the new start offset. The bytes are not
     * cleared: the caller writes the header. Grows the array only if headroom runs out.
     */
    public int push(int n) {
        checkCount(n);
        if (n > start) {
            reallocate(Math.max(DEFAULT_HEADROOM, n), 0);
        }
        start -= n;
        return start;
    }

    /** Removes {@code n} bytes from the front (skb_pull) and returns the new start offset. */
    public int pull(int n) {
        checkCount(n);
        if (n > length()) {
            throw new IllegalArgumentException("cannot pull " + n + " bytes from a " + length() + "-byte packet");
        }
        start += n;
        return start;
    }

    /**
     * Appends {@code n} bytes at the tail (skb_put) and returns the offset of the first of
     * them. The bytes are not cleared. Grows the array only if tailroom runs out.
     */
    public int put(int n) {
        checkCount(n);
        if (n > tailroom()) {
            reallocate(0, Math.max(n, data.length / 2));
        }
        int at = end;
        end += n;
        return at;
    }

    /** Cuts the packet to {@code len} bytes (skb_trim); does nothing if it is not longer. */
    public void trim(int len) {
        checkCount(len);
        if (len < length()) {
            end = start + len;
        }
    }

    /** Empties the buffer for reuse, with {@code headroom} bytes in front; clears the marks. */
    public void reset(int headroom) {
        if (headroom < 0 || headroom > data.length) {
            throw new IllegalArgumentException("headroom " + headroom + " outside 0.." + data.length);
        }
        start = headroom;
        end = headroom;
        networkHeader = UNSET;
        transportHeader = UNSET;
        checksumStart = UNSET;
    }

    /**
     * A deep copy, for flooding and captures (skb_copy): same headroom, tailroom, bytes and
     * marks, its own array.
     */
    public PacketBuffer copy() {
        PacketBuffer p = new PacketBuffer(data.clone(), start, end);
        p.networkHeader = networkHeader;
        p.transportHeader = transportHeader;
        p.checksumStart = checksumStart;
        p.id = id;
        p.mark = mark;
        p.flags = flags;
        p.nextHop = nextHop;
        return p;
    }

    /** The packet's bytes in a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(data, start, end);
    }

    /** Marks the network (IP) header at array offset {@code offset} (skb_set_network_header). */
    public void setNetworkHeader(int offset) {
        networkHeader = offset;
    }

    /** The marked network header's array offset, or {@link #UNSET}. */
    public int networkHeader() {
        return networkHeader;
    }

    /** Marks the transport header at array offset {@code offset}. */
    public void setTransportHeader(int offset) {
        transportHeader = offset;
    }

    /** The marked transport header's array offset, or {@link #UNSET}. */
    public int transportHeader() {
        return transportHeader;
    }

    /**
     * Marks the TCP or UDP segment at array offset {@code offset} as the kernel's
     * {@code CHECKSUM_PARTIAL} with {@code csum_start} there: its checksum is the local stack's
     * to complete (the simulator has already filled it in, as the offload would), so the
     * segment's bytes sum to the complement of its pseudo-header. {@code lco_csum} builds a
     * tunnel's outer UDP checksum on that without reading the segment
     * ({@link ChecksumOffload#frameSum}). Set only by the code that filled the checksum
     * ({@code udp4_hwcsum}, {@code __tcp_v4_send_check}); anything that rewrites the segment or
     * its pseudo-header fields must {@link #clearChecksumPartial()}, and a NIC's transmit does
     * ({@code skb_checksum_help} or the hardware settles it: the receiver's copy is not partial).
     */
    public void setChecksumPartial(int offset) {
        checksumStart = offset;
    }

    /** The array offset of the segment whose checksum is {@code CHECKSUM_PARTIAL}, or {@link #UNSET}. */
    public int checksumPartialStart() {
        return checksumStart;
    }

    /** Ends {@code CHECKSUM_PARTIAL} (the checksum counts as any other bytes again). */
    public void clearChecksumPartial() {
        checksumStart = UNSET;
    }

    /** The packet's identity in the run's ledger ({@code PacketLedger}); 0 before one is given. */
    public long id() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    /** The firewall mark ({@code skb->mark}). */
    public int mark() {
        return mark;
    }

    public void setMark(int mark) {
        this.mark = mark;
    }

    /** A small metadata slot for the stack and the trace (bits defined by their users). */
    public int flags() {
        return flags;
    }

    public void setFlags(int flags) {
        this.flags = flags;
    }

    /**
     * The next hop the output route chose for the packet ({@code rt_nexthop(skb_rtable(skb),
     * daddr)}): set by the stack when it hands a packet to a device without neighbour
     * resolution, so that an IPIP tunnel ({@code tunl0}) can take it as the outer destination.
     */
    public int nextHop() {
        return nextHop;
    }

    public void setNextHop(int nextHop) {
        this.nextHop = nextHop;
    }

    private void reallocate(int extraHead, int extraTail) {
        byte[] bigger = new byte[data.length + extraHead + extraTail];
        System.arraycopy(data, start, bigger, start + extraHead, end - start);
        data = bigger;
        start += extraHead;
        end += extraHead;
        if (networkHeader != UNSET) {
            networkHeader += extraHead;
        }
        if (transportHeader != UNSET) {
            transportHeader += extraHead;
        }
        if (checksumStart != UNSET) {
            checksumStart += extraHead;
        }
    }

    private static void checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative byte count " + n);
        }
    }

    @Override
    public String toString() {
        return "PacketBuffer[length=" + length() + ", headroom=" + headroom() + ", tailroom=" + tailroom() + "]";
    }
}
