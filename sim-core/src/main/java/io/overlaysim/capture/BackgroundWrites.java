package io.overlaysim.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The writes of a capture file, done by a thread of their own, in the order the buffers were
 * filled, while the simulation fills the next one. Why: writing a capture is mostly the kernel
 * copying bytes into the page cache (the chain bench with every device captured writes 4 GB,
 * three quarters of its CPU time in {@code write}); on its own thread that overlaps the
 * simulation instead of adding to it. The file is byte for byte what one thread would write.
 *
 * <p>At most {@link #BUFFERS} buffers exist: when all are waiting to be written, handing over
 * one more waits for the oldest. A failed write is reported by the next call that waits for it
 * ({@link #submit} once the buffers go round, {@link #awaitAll}).
 */
final class BackgroundWrites {
    static final int BUFFERS = 4;

    private final WritableByteChannel channel;
    private final int capacity;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int allocated;
    private ExecutorService thread;

    /** A buffer handed to the thread and the answer to whether it was written. */
    private record Pending(Future<?> done, ByteBuffer buffer) {
    }

    BackgroundWrites(WritableByteChannel channel, int capacity) {
        this.channel = channel;
        this.capacity = capacity;
    }

    /** An empty little-endian direct buffer of the capacity, new or written already. */
    ByteBuffer emptyBuffer() throws IOException {
        if (!free.isEmpty()) {
            return free.poll();
        }
        if (allocated < BUFFERS) {
            allocated++;
            return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }
        return await(pending.poll());
    }

    /**
     * Hands {@code full} (its bytes from position to limit) to the writing thread and returns an
     * empty buffer to go on with.
     */
    ByteBuffer submit(ByteBuffer full) throws IOException {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "capture-writer");
                t.setDaemon(true);
                return t;
            });
        }
        Future<?> done = thread.submit(() -> {
            while (full.hasRemaining()) {
                channel.write(full);
            }
            return null;
        });
        pending.add(new Pending(done, full));
        return emptyBuffer();
    }

    /** Waits until every buffer handed over is in the channel. */
    void awaitAll() throws IOException {
        while (!pending.isEmpty()) {
            free.add(await(pending.poll()));
        }
    }

    /** Stops the thread (after the writes handed over, unless one is waiting and this is an error path). */
    void shutdown() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    private static ByteBuffer await(Pending p) throws IOException {
        try {
            p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a capture write");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("capture write failed", e.getCause());
        }
        return p.buffer().clear();
    }
}
