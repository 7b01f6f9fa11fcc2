package io.overlaysim.mtu;

import java.util.Comparator;
import java.util.List;

/**
 * The path from one pod to another as the dumps describe it, walked statically, and its MTU.
 *
 * @param from the sending pod ({@code NODE/POD})
 * @param fromAddress its address
 * @param to the receiving pod
 * @param toAddress its address
 * @param hops the devices crossed, in order, each with the limit it puts on the inner datagram
 * @param problem why the walk stopped early (no route, a loop), or null when it reached the pod
 */
public record PodPath(String from, String fromAddress, String to, String toAddress, List<PathHop> hops,
                      String problem) {
    public PodPath {
        hops = List.copyOf(hops);
    }

    /** The effective path MTU: the smallest limit on the way. */
    public int mtu() {
        return hops.stream().mapToInt(PathHop::limit).min().orElse(0);
    }

    /** The first hop with the smallest limit: the device that limits the path. */
    public PathHop limitedBy() {
        return hops.stream().min(Comparator.comparingInt(PathHop::limit)).orElse(null);
    }

    /** Whether the walk reached the destination pod. */
    public boolean complete() {
        return problem == null;
    }
}
