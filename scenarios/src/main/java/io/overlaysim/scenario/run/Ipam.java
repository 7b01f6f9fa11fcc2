package io.overlaysim.scenario.run;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.scenario.PresetSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster preset's address management: the nodes' blocks (Calico's IPAM blocks, Flannel's
 * node subnets) and their pods' addresses. Listed blocks and addresses are kept; the others are
 * handed out in order, blocks from the start of the pod CIDR skipping the listed ones, pods from
 * a block's first free address.
 */
final class Ipam {
    private Ipam() {
    }

    /** One block per node, in node order. */
    static List<Ipv4Prefix> blocks(List<PresetSpec.ClusterNode> nodes, Ipv4Prefix cidr, int length) {
        Set<Ipv4Prefix> listed = new HashSet<>();
        nodes.forEach(n -> n.block().ifPresent(listed::add));
        List<Ipv4Prefix> out = new ArrayList<>();
        long next = 0;
        long size = 1L << (32 - length);
        for (PresetSpec.ClusterNode n : nodes) {
            if (n.block().isPresent()) {
                out.add(n.block().get());
                continue;
            }
            Ipv4Prefix b;
            do {
                b = Ipv4Prefix.of((int) (Integer.toUnsignedLong(cidr.bits()) + next * size), length);
                next++;
            } while (listed.contains(b));
            out.add(b);
        }
        return out;
    }

    /** A node's pods' addresses: the listed ones, else {@code count} from {@code block + first} on. */
    static List<Integer> pods(PresetSpec.ClusterNode node, Ipv4Prefix block, int first) {
        if (!node.podAddresses().isEmpty()) {
            return node.podAddresses().stream().map(Ipv4Address::bits).toList();
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < node.podCount(); i++) {
            out.add(block.bits() + first + i);
        }
        return out;
    }
}
