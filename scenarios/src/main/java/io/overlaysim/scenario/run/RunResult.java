package io.overlaysim.scenario.run;

import io.overlaysim.packet.PacketLedger;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.traffic.PingResult;
import io.overlaysim.traffic.TracerouteResult;
import io.overlaysim.traffic.UdpFlowResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SequencedMap;

/**
 * What a scenario run found: a verdict per expectation, the nodes' final state (routing tables
 * as {@code ip route} lines, devices as {@code ip -s link} shows them), the traffic's results,
 * the ledger, the faults' event log and the capture files. Everything but {@code wall} is a
 * function of the scenario and the seed.
 *
 * @param wall how long the run took on this machine (never written into deterministic outputs)
 */
public record RunResult(Scenario scenario, long seed, List<Verdict> verdicts, SequencedMap<String, NodeState> nodes,
        SequencedMap<String, PingResult> pings, SequencedMap<String, UdpFlowResult> flows,
        SequencedMap<String, TracerouteResult> traceroutes, PacketLedger.Summary ledger, List<String> events, List<Path> captures,
        Duration wall) {
    public RunResult {
        verdicts = List.copyOf(verdicts);
        events = List.copyOf(events);
        captures = List.copyOf(captures);
    }

    /** Whether every expectation held. */
    public boolean passed() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    public long failures() {
        return verdicts.stream().filter(v -> !v.passed()).count();
    }

    /**
     * A node at the end of the run.
     *
     * @param routes each table's lines, {@code main} first
     * @param bgp the sessions of the node's BGP speaker (empty when it runs none)
     */
    public record NodeState(String name, boolean up, SequencedMap<String, List<String>> routes, List<DeviceState> devices,
            List<BgpSession> bgp) {
    }

    /**
     * One BGP session at the end of the run, as {@code birdc show protocols all} tells it.
     *
     * @param sinceNanos when the session entered its state
     * @param established how many times it reached Established
     * @param prefixesReceived paths in its Adj-RIB-In
     * @param prefixesSent paths the peer holds from it (0 when down)
     * @param lastNotificationSent e.g. {@code Cease (6) / Administrative Shutdown (2)}, or null
     */
    public record BgpSession(String peer, long asn, String kind, String state, long sinceNanos, int established,
            int prefixesReceived, int prefixesSent, String lastNotificationSent, String lastNotificationReceived) {
    }

    /** A device with its counters, as {@code ip -s link show DEV} prints them. */
    public record DeviceState(String name, int index, String mac, int mtu, boolean adminUp, boolean carrier,
            long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes, long txPackets, long txErrors,
            long txDropped) {
        /** {@code UP,LOWER_UP}, {@code UP} (no carrier: NO-CARRIER) or {@code DOWN}, as the flags are printed. */
        public String state() {
            return !adminUp ? "DOWN" : carrier ? "UP" : "LOWERLAYERDOWN";
        }
    }
}
