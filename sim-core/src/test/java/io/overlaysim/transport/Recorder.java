package io.overlaysim.transport;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A test application: records the events of its connections and the bytes received. */
class Recorder implements TcpHandler, TcpAcceptor {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    final List<TcpConnection> accepted = new ArrayList<>();
    TcpFailure failure;
    long connectedAt = -1;
    boolean closeOnPeerClose;

    @Override
    public void connected(TcpConnection c) {
        events.add("connected");
    }

    @Override
    public void received(TcpConnection c, byte[] data, int off, int len) {
        bytes.write(data, off, len);
    }

    @Override
    public void peerClosed(TcpConnection c) {
        events.add("peerClosed");
        if (closeOnPeerClose) {
            c.close();
        }
    }

    @Override
    public void closed(TcpConnection c) {
        events.add("closed");
    }

    @Override
    public void failed(TcpConnection c, TcpFailure f) {
        events.add("failed " + f);
        failure = f;
    }

    @Override
    public TcpHandler accepted(TcpConnection c) {
        events.add("accepted");
        accepted.add(c);
        return this;
    }
}
