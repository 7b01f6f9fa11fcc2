package io.overlaysim.iproute;

import java.util.List;

/** Prints neighbour entries back in {@code ip neigh} text, one line each. */
public final class NeighbourPrinter {
    private NeighbourPrinter() {
    }

    public static String print(List<NeighbourEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (NeighbourEntry n : entries) {
            sb.append(print(n)).append('\n');
        }
        return sb.toString();
    }

    public static String print(NeighbourEntry n) {
        StringBuilder sb = new StringBuilder(n.dst());
        if (n.dev() != null) {
            sb.append(" dev ").append(n.dev());
        }
        if (n.lladdr() != null) {
            sb.append(" lladdr ").append(n.lladdr());
        }
        if (n.router()) {
            sb.append(" router");
        }
        if (n.proxy()) {
            sb.append(" proxy");
        }
        for (String f : n.flags()) {
            sb.append(' ').append(f);
        }
        for (NeighbourState s : n.states()) {
            sb.append(' ').append(s.name());
        }
        if (n.protocol() != null) {
            sb.append(" proto ").append(n.protocol());
        }
        return sb.toString();
    }
}
