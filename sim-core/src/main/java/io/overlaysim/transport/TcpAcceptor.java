package io.overlaysim.transport;

/** What a {@link TcpListener} calls for each connection whose handshake completed (accept(2)). */
@FunctionalInterface
public interface TcpAcceptor {
    /**
     * A new connection in state ESTABLISHED; returns the handler for its events (data that
     * came with the final ACK of the handshake follows at once), or null to refuse it, which
     * resets it.
     */
    TcpHandler accepted(TcpConnection connection);
}
