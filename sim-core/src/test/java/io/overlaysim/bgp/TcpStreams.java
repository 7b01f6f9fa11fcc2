package io.overlaysim.bgp;

import io.overlaysim.capture.PcapReader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test-side TCP reassembler for Ethernet/IPv4 captures: per direction (source and destination
 * address and port), the payload bytes in sequence-number order, from the SYN's ISN + 1, with
 * retransmitted and overlapping segments deduplicated. Enough for the BGP corpus, not a TCP.
 */
final class TcpStreams {
    private TcpStreams() {}

    /** One direction's byte stream, and the capture index of the segment holding each byte's start. */
    record Stream(String direction, byte[] bytes) {}

    static Map<String, Stream> reassemble(PcapReader.Capture capture) {
        Map<String, Long> isn = new LinkedHashMap<>();
        Map<String, TreeMap<Long, byte[]>> segments = new LinkedHashMap<>();
        for (PcapReader.Record r : capture.records()) {
            byte[] f = r.data();
            if (capture.linkType() != 1 || f.length < 34 || (((f[12] & 0xff) << 8) | (f[13] & 0xff)) != 0x0800) {
                continue;
            }
            int ip = 14;
            int ihl = (f[ip] & 0x0f) * 4;
            int total = ((f[ip + 2] & 0xff) << 8) | (f[ip + 3] & 0xff);
            if ((f[ip + 9] & 0xff) != 6) {
                continue;
            }
            int tcp = ip + ihl;
            int sport = ((f[tcp] & 0xff) << 8) | (f[tcp + 1] & 0xff);
            int dport = ((f[tcp + 2] & 0xff) << 8) | (f[tcp + 3] & 0xff);
            long seq = Bytes.u32(f, tcp + 4);
            int dataOff = ((f[tcp + 12] & 0xff) >>> 4) * 4;
            boolean syn = (f[tcp + 13] & 0x02) != 0;
            String dir = addr(f, ip + 12) + ":" + sport + " -> " + addr(f, ip + 16) + ":" + dport;
            if (syn) {
                isn.put(dir, seq);
                segments.putIfAbsent(dir, new TreeMap<>());
                continue;
            }
            int payload = ip + total - (tcp + dataOff);
            if (payload <= 0 || !isn.containsKey(dir)) {
                continue;
            }
            long rel = (seq - isn.get(dir) - 1) & 0xffff_ffffL;
            byte[] data = new byte[payload];
            System.arraycopy(f, tcp + dataOff, data, 0, payload);
            segments.get(dir).merge(rel, data, (a, b) -> a.length >= b.length ? a : b);
        }
        Map<String, Stream> out = new LinkedHashMap<>();
        segments.forEach((dir, segs) -> {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            long next = 0;
            for (var e : segs.entrySet()) {
                long start = e.getKey();
                byte[] d = e.getValue();
                if (start > next) {
                    throw new IllegalStateException(dir + ": gap in the stream at " + next);
                }
                int skip = (int) (next - start);
                if (skip < d.length) {
                    s.write(d, skip, d.length - skip);
                    next = start + d.length;
                }
            }
            out.put(dir, new Stream(dir, s.toByteArray()));
        });
        return out;
    }

    /** Cuts a stream into BGP messages using the codec's own framing. */
    static List<byte[]> messages(byte[] stream, SessionContext ctx) throws BgpDecodeException {
        List<byte[]> out = new ArrayList<>();
        int off = 0;
        while (off < stream.length) {
            int len = BgpCodec.frameLength(stream, off, stream.length - off, ctx);
            if (len < 0 || off + len > stream.length) {
                throw new IllegalStateException("stream ends inside a message at " + off);
            }
            out.add(Bytes.slice(stream, off, len));
            off += len;
        }
        return out;
    }

    private static String addr(byte[] f, int at) {
        return (f[at] & 0xff) + "." + (f[at + 1] & 0xff) + "." + (f[at + 2] & 0xff) + "." + (f[at + 3] & 0xff);
    }
}
