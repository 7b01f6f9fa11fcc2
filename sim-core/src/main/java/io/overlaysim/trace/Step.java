package io.overlaysim.trace;

import io.overlaysim.packet.DropReason;
import java.util.List;

/**
 * One step of a packet's walk through the nodes, as the stack reported it: every step has the
 * simulated time, the node, a stable kebab-case {@link #kind} (the JSON name) and a one-line
 * description ({@link #text}) that the text renderer numbers.
 */
public sealed interface Step {
    /** Simulated time in nanoseconds. */
    long time();

    /** The node the step happened on. */
    String node();

    /** The stable name of the step, e.g. {@code route-lookup}. */
    String kind();

    /** What happened, without the node: {@code route lookup 10.0.0.6 -> 10.0.0.4/30 dev eth1 ...}. */
    String text();

    /** The device involved, or null. */
    default String dev() {
        return null;
    }

    /** The matched route in {@code ip route} syntax, or null. */
    default String route() {
        return null;
    }

    /** The packet was made: an application send, an ICMP error, an ARP request, a fragment. */
    record Created(long time, String node, String what) implements Step {
        public String kind() {
            return "created";
        }

        public String text() {
            return "created by " + what;
        }
    }

    /** A frame or packet arrived on {@code dev}. */
    record Received(long time, String node, String dev) implements Step {
        public String kind() {
            return "received";
        }

        public String text() {
            return "received on " + dev;
        }
    }

    /**
     * A route lookup ({@code fib_lookup}): input when {@code in} is set, else output.
     *
     * @param destination the address looked up
     * @param in the input device, null for an output lookup
     * @param table the table of the matched route ({@code main}, {@code local}, ...), null when none
     * @param route the matched route as {@code ip route} prints it, null when none matched
     * @param decision {@code local}, {@code broadcast}, {@code forward}, {@code output} or {@code error}
     * @param dev the output device, null unless forwarding or output
     * @param error the lookup's failure ({@code strerror} text) for decision {@code error}, else null
     */
    record RouteLookup(long time, String node, String destination, String in, String table, String route,
            String decision, String dev, String error) implements Step {
        public String kind() {
            return "route-lookup";
        }

        public String text() {
            StringBuilder sb = new StringBuilder("route lookup ").append(destination).append(" -> ");
            if (route != null) {
                sb.append(route);
            } else if (error != null) {
                sb.append("error: ").append(error);
            } else {
                sb.append(decision).append(dev == null ? "" : " dev " + dev);
            }
            return sb.toString();
        }
    }

    /** The next hop's MAC address is known ({@code neigh_output}). */
    record NeighbourResolved(long time, String node, String dev, String nextHop, String mac) implements Step {
        public String kind() {
            return "neighbour-resolved";
        }

        public String text() {
            return "neighbour " + nextHop + " dev " + dev + " lladdr " + mac;
        }
    }

    /** The packet waits in the neighbour's queue while ARP resolves {@code nextHop} (INCOMPLETE). */
    record NeighbourIncomplete(long time, String node, String dev, String nextHop) implements Step {
        public String kind() {
            return "neighbour-incomplete";
        }

        public String text() {
            return "waiting for ARP: " + nextHop + " dev " + dev + " INCOMPLETE";
        }
    }

    /** The packet leaves {@code dev}. */
    record Sent(long time, String node, String dev) implements Step {
        public String kind() {
            return "sent";
        }

        public String text() {
            return "sent on " + dev;
        }
    }

    /** A tunnel device wrapped the packet (same id) in an outer header. */
    record Encapsulated(long time, String node, String dev, String outerSource, String outerDestination, String tunnel)
            implements Step {
        public String kind() {
            return "encapsulated";
        }

        public String text() {
            return "encapsulated by " + dev + ": " + tunnel + " " + outerSource + " -> " + outerDestination;
        }
    }

    /** A tunnel device unwrapped the packet (same id). */
    record Decapsulated(long time, String node, String dev, String outerSource, String outerDestination, String tunnel)
            implements Step {
        public String kind() {
            return "decapsulated";
        }

        public String text() {
            return "decapsulated by " + dev + ": " + tunnel + " " + outerSource + " -> " + outerDestination;
        }
    }

    /** The packet was cut into the packets {@code fragments} for {@code mtu} ({@code ip_fragment}). */
    record Fragmented(long time, String node, int mtu, List<Long> fragments) implements Step {
        public Fragmented {
            fragments = List.copyOf(fragments);
        }

        public String kind() {
            return "fragmented";
        }

        public String text() {
            return "fragmented for mtu " + mtu + " into " + fragments.size() + " packets " + fragments;
        }
    }

    /** Fragments were joined into {@code datagram} ({@code ip_defrag}); on the fragments' walks and the datagram's. */
    record Reassembled(long time, String node, long datagram, List<Long> fragments) implements Step {
        public Reassembled {
            fragments = List.copyOf(fragments);
        }

        public String kind() {
            return "reassembled";
        }

        public String text() {
            return "reassembled " + fragments + " into packet " + datagram;
        }
    }

    /** The node sent the ICMP error {@code error} (a new packet) about this packet ({@code icmp_send}). */
    record IcmpGenerated(long time, String node, int type, int code, long error, String description) implements Step {
        public String kind() {
            return "icmp-generated";
        }

        public String text() {
            return "icmp " + description + " (type " + type + " code " + code + ") sent back as packet " + error;
        }
    }

    /** The node answered the packet with {@code reply} (a new packet: an echo reply). */
    record Replied(long time, String node, long reply) implements Step {
        public String kind() {
            return "replied";
        }

        public String text() {
            return "answered by packet " + reply;
        }
    }

    /** The packet reached its end: a socket, an application, the ARP table. */
    record Delivered(long time, String node, String to) implements Step {
        public String kind() {
            return "delivered";
        }

        public String text() {
            return "delivered to " + to;
        }
    }

    /** The packet was dropped for {@code reason} ({@code dev} where, or null). */
    record Dropped(long time, String node, String dev, DropReason reason) implements Step {
        public String kind() {
            return "dropped";
        }

        public String text() {
            return "dropped: " + reason.label() + (dev == null ? "" : " (dev " + dev + ")");
        }
    }
}
