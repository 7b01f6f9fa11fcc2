package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;

/**
 * The byte-stream transport a BGP speaker runs over: what it needs of TCP (RFC 4271 §8 speaks of
 * "TCP connection" events only) and nothing more. An implementation opens connections, accepts
 * them on a listening address, delivers bytes in order and reports how a connection ends. The
 * simulated TCP of the node stack implements it; {@link SimulatedPipeTransport} is an in-memory
 * one over the event engine.
 *
 * <p>Callbacks run inside simulation events, never inside the call that caused them: a
 * {@code write} is delivered later, a {@code connect} reports later, so a handler may call back
 * into the transport freely.
 *
 * <pre>{@code
 * BgpTransport.Listener l = transport.listen(local, BgpTransport.BGP_PORT, conn -> handler);
 * BgpTransport.Connection c = transport.connect(local, remote, BgpTransport.BGP_PORT, handler);
 * // later: handler.connected(c); c.write(bytes, 0, bytes.length); ... c.close();
 * }</pre>
 */
public interface BgpTransport {
    /** The BGP port (RFC 4271 §8.2.1). */
    int BGP_PORT = 179;

    /**
     * Starts an active open from {@code local} (an address of this node, any source port) to
     * {@code remote}:{@code port}. Later exactly one of {@link Handler#connected} or
     * {@link Handler#failed} follows, unless the caller aborts first.
     */
    Connection connect(Ipv4Address local, Ipv4Address remote, int port, Handler handler);

    /**
     * Listens on {@code local}:{@code port}. For each connection a peer opens, {@code acceptor}
     * is asked for the connection's handler; returning null refuses it (the peer sees it
     * {@link Handler#failed fail}, as after a reset). An accepted connection is already
     * established: no {@link Handler#connected} follows for it.
     */
    Listener listen(Ipv4Address local, int port, Acceptor acceptor);

    /** One established or opening connection. */
    interface Connection {
        Ipv4Address localAddress();

        int localPort();

        Ipv4Address remoteAddress();

        int remotePort();

        /** Queues bytes for in-order delivery to the other end; copies them. Ignored once closed. */
        void write(byte[] bytes, int offset, int length);

        /**
         * Queues the concatenation of these slices as one {@link #write}, the arrays never to
         * change again: the transport may keep them rather than copy them, so that one array of
         * UPDATEs is shared by the many connections it goes to (a route reflector's clients).
         */
        default void writeShared(java.util.List<Slice> slices) {
            int n = 0;
            for (Slice s : slices) {
                n += s.length();
            }
            byte[] b = new byte[n];
            int at = 0;
            for (Slice s : slices) {
                System.arraycopy(s.bytes(), s.offset(), b, at, s.length());
                at += s.length();
            }
            write(b, 0, n);
        }

        /** An orderly close (FIN) after the queued bytes; the other end sees {@link Handler#closed}. */
        void close();

        /** Drops the connection at once (RST); queued bytes are lost; the other end sees {@link Handler#failed}. */
        void abort();

        /** Whether the connection is open for writing (connected and neither closed nor aborted locally). */
        boolean isOpen();
    }

    /** {@code length} bytes of an array from {@code offset}, for {@link Connection#writeShared}. */
    record Slice(byte[] bytes, int offset, int length) {
        public Slice {
            java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        }
    }

    /** What a connection reports. */
    interface Handler {
        /** The active open succeeded (SYN-ACK received). */
        void connected(Connection connection);

        /** Bytes arrived, in order; the array is only valid during the call, and read-only (it may be shared). */
        void data(Connection connection, byte[] bytes, int offset, int length);

        /** The other end closed in order (FIN); nothing more will arrive. */
        void closed(Connection connection);

        /** The connection could not be opened, or was reset; {@code reason} says which. */
        void failed(Connection connection, String reason);
    }

    /** Decides on an incoming connection: its handler, or null to refuse it. */
    @FunctionalInterface
    interface Acceptor {
        Handler accept(Connection connection);
    }

    /** A listening socket. */
    interface Listener {
        /** Stops accepting; connections already accepted stay. */
        void close();
    }
}
