package io.overlaysim.bench;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.Direction;
import io.overlaysim.capture.LinkType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Capture writing: 100-byte frames appended to a real file (in the temporary directory), one
 * operation = one record. The file is recreated each iteration so it stays page-cache sized.
 * Goal: at least 5 M records/s for pcapng.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar PcapngWriterBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PcapngWriterBenchmark {
    static final int BATCH = 10_000;

    @Param({"PCAPNG", "PCAP_NS"})
    CaptureFormat format;

    private final byte[] frame = new byte[100];
    private Path file;
    private CaptureWriter writer;
    private int iface;
    private long time;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        file = Files.createTempFile("overlaysim-bench", "." + format.extension());
        writer = format.open(file);
        iface = writer.addInterface("worker01/enp1s0", LinkType.ETHERNET);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        writer.close();
        Files.deleteIfExists(file);
    }

    /** A plain record: no comment, no direction. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void write100ByteFrames() throws IOException {
        for (int i = 0; i < BATCH; i++) {
            writer.write(iface, time += 1_000, frame, 0, frame.length);
        }
    }

    /** A record with a direction and a 20-character comment (pcap drops both). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void write100ByteFramesWithCommentAndDirection() throws IOException {
        for (int i = 0; i < BATCH; i++) {
            writer.write(iface, time += 1_000, frame, 0, frame.length, frame.length, Direction.OUTBOUND,
                    "encapsulated by tun0");
        }
    }
}
