package io.overlaysim.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * The reusable output buffer of a capture writer, in front of a stream or a channel. Records
 * are assembled in place with absolute little-endian puts and reach the sink in large writes;
 * nothing is allocated per record. In front of a channel (a file) the buffers are direct, so the
 * channel writes them as they are (a heap buffer would be copied into a temporary direct one
 * first, one more pass over every byte captured), and full ones are written by
 * {@link BackgroundWrites} on a thread of their own while the next one fills.
 */
final class CaptureOutput {
    static final int BUFFER_SIZE = 256 * 1024;

    private ByteBuffer le;
    private final BackgroundWrites background;
    private final OutputStream stream;
    private final WritableByteChannel channel;
    private int pos;
    private boolean closed;

    CaptureOutput(OutputStream stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.channel = null;
        this.background = null;
        this.le = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    CaptureOutput(WritableByteChannel channel) {
        this.stream = null;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.background = new BackgroundWrites(channel, BUFFER_SIZE);
        try {
            this.le = background.emptyBuffer();
        } catch (IOException e) {
            throw new IllegalStateException("a new buffer cannot wait for a write", e);
        }
    }

    /**
     * Makes room for {@code n} contiguous bytes and returns the offset to write them at; the
     * caller then calls {@link #advance}. {@code n} must not exceed the buffer size.
     */
    int reserve(int n) throws IOException {
        if (closed) {
            throw new IOException("the capture writer is closed");
        }
        if (pos + n > BUFFER_SIZE) {
            drain();
        }
        return pos;
    }

    void advance(int n) {
        pos += n;
    }

    void putShort(int at, int value) {
        le.putShort(at, (short) value);
    }

    void putInt(int at, int value) {
        le.putInt(at, value);
    }

    void putLong(int at, long value) {
        le.putLong(at, value);
    }

    void putBytes(int at, byte[] src, int offset, int length) {
        le.put(at, src, offset, length);
    }

    void zero(int at, int length) {
        for (int i = 0; i < length; i++) {
            le.put(at + i, (byte) 0);
        }
    }

    /**
     * Writes {@code length} bytes of {@code src} after the buffered ones: copied into the buffer
     * when they fit, else the buffer is drained and they go straight to the sink.
     */
    void write(byte[] src, int offset, int length) throws IOException {
        if (length <= BUFFER_SIZE) {
            int at = reserve(length);
            putBytes(at, src, offset, length);
            advance(length);
            return;
        }
        drain();
        if (stream != null) {
            stream.write(src, offset, length);
        } else {
            background.awaitAll();   // the bytes before these are in the file first
            ByteBuffer b = ByteBuffer.wrap(src, offset, length);   // only for packets > 256 KiB
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** Encodes {@code text} as UTF-8 at {@code at}; the caller reserved {@link #utf8Length} bytes. */
    void putUtf8(int at, CharSequence text) {
        int p = at;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                le.put(p++, (byte) c);
            } else if (c < 0x800) {
                le.put(p++, (byte) (0xc0 | (c >> 6)));
                le.put(p++, (byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                le.put(p++, (byte) (0xf0 | (cp >> 18)));
                le.put(p++, (byte) (0x80 | ((cp >> 12) & 0x3f)));
                le.put(p++, (byte) (0x80 | ((cp >> 6) & 0x3f)));
                le.put(p++, (byte) (0x80 | (cp & 0x3f)));
            } else {
                // A lone surrogate is not valid UTF-8: write U+FFFD, the replacement character.
                if (Character.isSurrogate(c)) {
                    c = '\ufffd';
                }
                le.put(p++, (byte) (0xe0 | (c >> 12)));
                le.put(p++, (byte) (0x80 | ((c >> 6) & 0x3f)));
                le.put(p++, (byte) (0x80 | (c & 0x3f)));
            }
        }
    }

    /** The number of bytes {@link #putUtf8} writes for {@code text}. */
    static int utf8Length(CharSequence text) {
        int len = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                len += 1;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                len += 4;
                i++;
            } else {
                len += 3;
            }
        }
        return len;
    }

    /** Writes the buffered bytes to the sink. */
    void drain() throws IOException {
        if (pos == 0) {
            return;
        }
        if (stream != null) {
            stream.write(le.array(), 0, pos);
        } else {
            le.clear().limit(pos);
            le = background.submit(le);
        }
        pos = 0;
    }

    void flush() throws IOException {
        drain();
        if (stream != null) {
            stream.flush();
        } else {
            background.awaitAll();
        }
    }

    void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            drain();
            if (background != null) {
                background.awaitAll();
            }
        } finally {
            closed = true;
            if (stream != null) {
                stream.close();
            } else {
                background.shutdown();
                channel.close();
            }
        }
    }
}
