package io.overlaysim.mtu;

import io.overlaysim.report.mtu.Encapsulation;

/**
 * One cell of a sweep: a datagram of {@code size} bytes from a pod to a pod on another node.
 *
 * @param encapsulation the tunnel between the nodes
 * @param underlayMtu the NICs' MTU
 * @param podMtu the pods' and their veths' MTU
 * @param size the inner IPv4 datagram's total length
 * @param df whether DF is set ({@code -M do}) or clear ({@code -M dont})
 * @param protocol the probe
 * @param dropIcmpErrors whether the hosts drop the ICMP errors they send
 */
public record SweepCell(Encapsulation encapsulation, int underlayMtu, int podMtu, int size, boolean df,
                        SweepSpec.Protocol protocol, boolean dropIcmpErrors) {
}
