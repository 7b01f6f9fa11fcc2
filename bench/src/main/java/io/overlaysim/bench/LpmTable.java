package io.overlaysim.bench;

import io.overlaysim.net.Ipv4Address;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * A routing table for the longest-prefix-match benchmarks: prefixes as {@code (bits, length)}
 * with the value of prefix {@code i} being {@code i} (an index into a route array, as a FIB has).
 *
 * <p>{@link #internet()} is the corpus's Internet-like table (564,580 prefixes; the resource
 * {@code lpm/internet-ipv4-prefixes.txt.gz}, attribution in the README beside it).
 * {@link #nested()} adds what real tables have and the flattened corpus lacks: for every prefix
 * of length 21 or more, its covering /20 and /16 aggregates, each added once.
 */
public record LpmTable(int[] bits, byte[] lengths) {
    private static final String RESOURCE = "/lpm/internet-ipv4-prefixes.txt.gz";

    public int size() {
        return bits.length;
    }

    /** {@code "flat"}: {@link #internet()}; {@code "nested"}: {@link #nested()}. */
    public static LpmTable of(String name) {
        return switch (name) {
            case "flat" -> internet();
            case "nested" -> nested();
            default -> throw new IllegalArgumentException("table is flat or nested, not " + name);
        };
    }

    /** The corpus table as it is: no prefix covers another (one, 215.0.0.0/16, is listed twice). */
    public static LpmTable internet() {
        int[] bits = new int[600_000];
        byte[] lengths = new byte[bits.length];
        int n = 0;
        try (InputStream raw = LpmTable.class.getResourceAsStream(RESOURCE);
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int slash = line.indexOf('/');
                int space = line.indexOf(' ', slash);
                if (n == bits.length) {
                    bits = Arrays.copyOf(bits, n * 2);
                    lengths = Arrays.copyOf(lengths, n * 2);
                }
                bits[n] = Ipv4Address.parseBits(line.substring(0, slash));
                lengths[n] = (byte) Integer.parseInt(line, slash + 1, space < 0 ? line.length() : space, 10);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LpmTable(Arrays.copyOf(bits, n), Arrays.copyOf(lengths, n));
    }

    /** The corpus table plus the covering /20 and /16 of every prefix of length 21 or more. */
    public static LpmTable nested() {
        LpmTable flat = internet();
        Set<Long> present = new HashSet<>();
        for (int i = 0; i < flat.size(); i++) {
            present.add(key(flat.bits[i], flat.lengths[i]));
        }
        int[] bits = Arrays.copyOf(flat.bits, flat.size() * 2);
        byte[] lengths = Arrays.copyOf(flat.lengths, bits.length);
        int n = flat.size();
        for (int i = 0; i < flat.size(); i++) {
            if (flat.lengths[i] < 21) {
                continue;
            }
            for (int cover : new int[] {20, 16}) {
                int b = flat.bits[i] & (-1 << (32 - cover));
                if (present.add(key(b, cover))) {
                    bits[n] = b;
                    lengths[n] = (byte) cover;
                    n++;
                }
            }
        }
        return new LpmTable(Arrays.copyOf(bits, n), Arrays.copyOf(lengths, n));
    }

    private static long key(int bits, int length) {
        return (long) length << 32 | (bits & 0xffffffffL);
    }

    /** {@code count} destinations uniformly random over the whole IPv4 space. */
    public static int[] uniformDestinations(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = rnd.nextInt();
        }
        return out;
    }

    /**
     * {@code count} destinations each inside a random prefix of the table (a random address of
     * it), so that every lookup matches and /24-heavy tables send most lookups below the top level.
     */
    public int[] matchingDestinations(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int p = rnd.nextInt(size());
            int host = lengths[p] == 32 ? 0 : rnd.nextInt() >>> lengths[p];
            out[i] = bits[p] | host;
        }
        return out;
    }
}
