package io.overlaysim.transport;

/**
 * The events of one connection, for its application (the BGP session). Every method has an
 * empty default. Methods run inside simulation events; they may write, close or abort.
 */
public interface TcpHandler {
    /** The handshake completed (active open, or simultaneous open). */
    default void connected(TcpConnection connection) {}

    /**
     * In-order bytes arrived: {@code data[off, off+len)}, valid only during the call (it may
     * be the received packet's own array; copy what you keep).
     */
    default void received(TcpConnection connection, byte[] data, int off, int len) {}

    /** The peer sent FIN: no more data will come (read(2) returns 0). Reply with close(). */
    default void peerClosed(TcpConnection connection) {}

    /**
     * The connection finished in order: both FINs sent and acknowledged (it may linger in
     * TIME_WAIT, which concerns the stack, not the application).
     */
    default void closed(TcpConnection connection) {}

    /** The connection ended abnormally: reset by the peer, refused, or timed out. */
    default void failed(TcpConnection connection, TcpFailure failure) {}
}
