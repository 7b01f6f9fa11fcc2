package io.overlaysim.bgp;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoded UPDATEs one flush writes to one neighbor: slices of byte arrays, in order, that
 * other neighbors' writes may share (a route reflector's clients are sent one array), and how
 * many messages they hold.
 */
final class UpdateBytes {
    private final List<BgpTransport.Slice> slices = new ArrayList<>(4);
    private int messages;

    /** One whole encoded message. */
    void add(byte[] message) {
        slices.add(new BgpTransport.Slice(message, 0, message.length));
        messages++;
    }

    /** {@code b[from, to)}, which holds {@code count} whole messages. */
    void add(byte[] b, int from, int to, int count) {
        if (to > from) {
            slices.add(new BgpTransport.Slice(b, from, to - from));
        }
        messages += count;
    }

    List<BgpTransport.Slice> slices() {
        return slices;
    }

    int messages() {
        return messages;
    }
}
