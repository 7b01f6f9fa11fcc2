package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.transport.TcpConnection;
import io.overlaysim.transport.TcpFailure;
import io.overlaysim.transport.TcpHandler;
import io.overlaysim.transport.TcpListener;
import io.overlaysim.transport.TcpNode;
import io.overlaysim.transport.TcpStack;

/**
 * BGP sessions over the node's own TCP, so that they cross the simulated links, fail when the
 * links do, and show up in captures as TCP + BGP. One transport per node (per speaker).
 *
 * <pre>{@code
 * BgpSpeaker s = new BgpSpeaker(sim, new TcpBgpTransport(node), "worker01", addr, 64512);
 * }</pre>
 */
public final class TcpBgpTransport implements BgpTransport {
    private final TcpStack tcp;

    public TcpBgpTransport(Node node) {
        this.tcp = TcpNode.of(node);
    }

    @Override
    public Connection connect(Ipv4Address local, Ipv4Address remote, int port, Handler handler) {
        Session s = new Session(handler);
        Ipv4Address from = local == null ? Ipv4Address.ANY : local;
        s.tcp = tcp.connect(from, 0, remote, port, s);
        return s;
    }

    @Override
    public Listener listen(Ipv4Address local, int port, Acceptor acceptor) {
        TcpListener l = tcp.listen(local == null ? Ipv4Address.ANY : local, port, c -> {
            Session s = new Session(null);
            s.tcp = c;
            Handler h = acceptor.accept(s);
            if (h == null) {
                return null;
            }
            s.handler = h;
            return s;
        });
        return l::close;
    }

    /** One BGP connection: adapts {@link TcpHandler} callbacks to {@link BgpTransport.Handler}. */
    private static final class Session implements Connection, TcpHandler {
        private Handler handler;
        private TcpConnection tcp;
        private boolean open = true;

        Session(Handler handler) {
            this.handler = handler;
        }

        @Override
        public Ipv4Address localAddress() {
            return tcp.localAddress();
        }

        @Override
        public int localPort() {
            return tcp.localPort();
        }

        @Override
        public Ipv4Address remoteAddress() {
            return tcp.remoteAddress();
        }

        @Override
        public int remotePort() {
            return tcp.remotePort();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (open) {
                tcp.write(bytes, offset, length);
            }
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                tcp.close();
            }
        }

        @Override
        public void abort() {
            if (open) {
                open = false;
                tcp.abort();
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        // ------------------------------------------------------------ TcpHandler

        @Override
        public void connected(TcpConnection c) {
            handler.connected(this);
        }

        @Override
        public void received(TcpConnection c, byte[] b, int off, int len) {
            handler.data(this, b, off, len);
        }

        @Override
        public void peerClosed(TcpConnection c) {
            if (open) {
                open = false;
                c.close();
                handler.closed(this);
            }
        }

        @Override
        public void failed(TcpConnection c, TcpFailure why) {
            if (open) {
                open = false;
                handler.failed(this, why.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
    }
}
