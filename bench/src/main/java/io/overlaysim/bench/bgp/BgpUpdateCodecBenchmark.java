package io.overlaysim.bench.bgp;

import io.overlaysim.bgp.BgpCodec;
import io.overlaysim.bgp.BgpDecodeException;
import io.overlaysim.bgp.BgpMessage;
import io.overlaysim.bgp.Nlri;
import io.overlaysim.bgp.PathAttribute;
import io.overlaysim.bgp.SessionContext;
import io.overlaysim.bgp.UpdateMessage;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * UPDATE decode and encode rate: Calico's typical UPDATE (ORIGIN, empty AS_PATH, NEXT_HOP,
 * LOCAL_PREF, one /26 block, as in the corpus' iBGP capture) and a full one (the same attributes
 * with 110 /32 NLRI, the pods of a node).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BgpUpdateCodecBenchmark {
    private final SessionContext ctx = SessionContext.FOUR_OCTET_AS;
    private byte[] calicoBytes;
    private byte[] fullBytes;
    private UpdateMessage calico;
    private final ByteBuffer out = ByteBuffer.allocate(4096);

    @Setup
    public void setup() {
        List<PathAttribute> attrs = List.of(PathAttribute.Origin.of(PathAttribute.Origin.IGP), PathAttribute.AsPath.EMPTY,
                PathAttribute.NextHop.of(Ipv4Address.parse("192.168.0.146")), PathAttribute.LocalPref.of(100));
        calico = new UpdateMessage(List.of(), attrs, List.of(Nlri.of(Ipv4Prefix.parse("172.16.103.64/26"))));
        calicoBytes = BgpCodec.encode(calico, ctx);
        List<Nlri> pods = new java.util.ArrayList<>();
        for (int i = 0; i < 110; i++) {
            pods.add(Nlri.of(Ipv4Prefix.host(new Ipv4Address(0xac100000 + i))));
        }
        fullBytes = BgpCodec.encode(new UpdateMessage(List.of(), attrs, pods), ctx);
    }

    @Benchmark
    public BgpMessage decodeCalicoUpdate() throws BgpDecodeException {
        return BgpCodec.decode(calicoBytes, ctx);
    }

    @Benchmark
    public BgpMessage decodeUpdateWith110Nlri() throws BgpDecodeException {
        return BgpCodec.decode(fullBytes, ctx);
    }

    @Benchmark
    public int encodeCalicoUpdate() {
        out.clear();
        return BgpCodec.encode(calico, ctx, out);
    }
}
