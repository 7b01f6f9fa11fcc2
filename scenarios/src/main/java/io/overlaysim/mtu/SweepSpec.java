package io.overlaysim.mtu;

import io.overlaysim.report.mtu.Encapsulation;
import java.util.List;
import java.util.Locale;

/**
 * What an MTU sweep runs: every combination of encapsulation, underlay MTU, datagram size, DF
 * setting and protocol is one cell, simulated on a two-node cluster.
 *
 * @param encapsulations the encapsulations ({@code none}, {@code ipip}, {@code vxlan})
 * @param underlayMtus the NIC MTUs of the underlay
 * @param sizes inner IPv4 datagram sizes (total length, headers included)
 * @param dfSettings {@code true} for DF set ({@code ping -M do}), {@code false} for DF clear ({@code -M dont})
 * @param protocols the probe's protocol
 * @param podMtu the pods' (and their veths') MTU, 0 for Calico's: the underlay's less the overhead
 * @param dropIcmpErrors whether the hosts drop the ICMP errors they would send (a PMTUD black hole)
 * @param linkRateBps the underlay link rate the goodput is given for
 */
public record SweepSpec(List<Encapsulation> encapsulations, List<Integer> underlayMtus, List<Integer> sizes,
                        List<Boolean> dfSettings, List<Protocol> protocols, int podMtu, boolean dropIcmpErrors,
                        long linkRateBps) {

    /** The default link rate: 10 Gbit/s. */
    public static final long TEN_GIGABIT = 10_000_000_000L;

    public SweepSpec {
        encapsulations = List.copyOf(encapsulations);
        underlayMtus = List.copyOf(underlayMtus);
        sizes = List.copyOf(sizes);
        dfSettings = List.copyOf(dfSettings);
        protocols = List.copyOf(protocols);
    }

    /** The probe's protocol. */
    public enum Protocol {
        /** An ICMP echo request ({@code ping -s SIZE-28}); the echo reply comes back the same way. */
        ICMP,
        /** One UDP datagram of SIZE-28 payload bytes to a bound port. */
        UDP,
        /** One write on a TCP connection: always DF, cut into MSS-sized segments. */
        TCP;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The transport header inside the datagram: 8 for ICMP echo and UDP, 20 for TCP. */
        public int header() {
            return this == TCP ? 20 : 8;
        }
    }

    /** The pod MTU a cell of this sweep gets. */
    public int podMtu(Encapsulation e, int underlayMtu) {
        return podMtu != 0 ? podMtu : underlayMtu - e.overhead();
    }

    /** The number of cells. */
    public int cellCount() {
        return encapsulations.size() * underlayMtus.size() * sizes.size() * dfSettings.size() * protocols.size();
    }
}
