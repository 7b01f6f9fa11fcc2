package io.overlaysim.transport;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Segments that arrived beyond RCV.NXT, kept until the hole before them fills: the kernel's
 * out-of-order queue ({@code tcp_data_queue_ofo}). Only the loss path allocates: each kept
 * segment is copied out of its packet.
 */
final class TcpReassemblyQueue {
    /** A kept segment: data starting at {@code seq}, and whether a FIN follows it. */
    record Piece(int seq, byte[] data, boolean fin) {
        int end() {
            return seq + data.length + (fin ? 1 : 0);
        }
    }

    private final ArrayList<Piece> pieces = new ArrayList<>();

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    int size() {
        return pieces.size();
    }

    /** Keeps a copy of {@code b[off, off+len)} at {@code seq}, sorted by sequence number. */
    void add(int seq, byte[] b, int off, int len, boolean fin) {
        Piece p = new Piece(seq, Arrays.copyOfRange(b, off, off + len), fin);
        int i = pieces.size();
        while (i > 0 && TcpSeq.after(pieces.get(i - 1).seq(), seq)) {
            i--;
        }
        pieces.add(i, p);
    }

    /**
     * Removes and returns the first piece that starts at or before {@code rcvNxt} (it may
     * overlap what was received already), or null when the next piece is still beyond a hole.
     * Pieces that lie wholly before {@code rcvNxt} are dropped on the way.
     */
    Piece pollAt(int rcvNxt) {
        while (!pieces.isEmpty()) {
            Piece p = pieces.get(0);
            if (TcpSeq.after(p.seq(), rcvNxt)) {
                return null;
            }
            pieces.remove(0);
            if (TcpSeq.after(p.end(), rcvNxt)) {
                return p;
            }
        }
        return null;
    }

    void clear() {
        pieces.clear();
    }
}
