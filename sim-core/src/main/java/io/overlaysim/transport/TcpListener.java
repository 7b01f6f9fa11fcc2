package io.overlaysim.transport;

import io.overlaysim.net.Ipv4Address;

/**
 * A listening socket (LISTEN): answers SYNs to its address and port with SYN-ACKs and hands
 * each connection whose handshake completes to its {@link TcpAcceptor}. Half-open connections
 * (SYN-RECV) count against the backlog; beyond it, SYNs are dropped as the kernel drops them
 * when the accept queue is full.
 */
public final class TcpListener {
    private final TcpStack stack;
    private final int address;
    private final int port;
    private final TcpAcceptor acceptor;
    int halfOpen;
    private long accepted;
    private boolean open = true;

    TcpListener(TcpStack stack, int address, int port, TcpAcceptor acceptor) {
        this.stack = stack;
        this.address = address;
        this.port = port;
        this.acceptor = acceptor;
    }

    /** The bound address, {@link Ipv4Address#ANY} for all of the node's addresses. */
    public Ipv4Address address() {
        return new Ipv4Address(address);
    }

    int addressBits() {
        return address;
    }

    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public long acceptedCount() {
        return accepted;
    }

    public boolean isOpen() {
        return open;
    }

    /** Stops listening; connections already made are not affected. */
    public void close() {
        if (open) {
            open = false;
            stack.unlisten(this);
        }
    }

    /** The handshake of {@code c} completed: ask the application for its handler. */
    TcpHandler accept(TcpConnection c) {
        halfOpen--;
        if (!open) {
            return null;
        }
        accepted++;
        return acceptor.accepted(c);
    }

    @Override
    public String toString() {
        return "tcp LISTEN " + Ipv4Address.format(address) + ":" + port;
    }
}
