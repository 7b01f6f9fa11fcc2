package io.overlaysim.mtu;

import io.overlaysim.report.Report;
import io.overlaysim.report.Section;
import java.util.List;

/** The sweep report as the terminal shows it by default: the facts, the MTU table, the cells, the goodput. */
public final class SweepText {

    private SweepText() {}

    public static String render(Report r) {
        StringBuilder sb = new StringBuilder(r.title()).append('\n');
        r.metadata().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        for (Section s : r.sections()) {
            sb.append('\n');
            switch (s.id()) {
                case "mtu" -> sb.append(TextTable.render(s, List.of("underlay_mtu", "encap", "pod_mtu", "theory", "measured", "status")));
                case "cells" -> sb.append(TextTable.render(s, List.of("encap", "underlay_mtu", "size", "df", "proto", "outcome",
                        "fragments", "where", "pmtud", "efficiency", "theory")));
                case "goodput" -> sb.append(TextTable.render(s, List.of("underlay_mtu", "encap", "datagram", "goodput_gbps",
                        "theory_gbps", "mss", "tcp_gbps", "tcp_theory_gbps", "status")));
                default -> sb.append(s.title()).append(": see --format csv,md,html\n");
            }
        }
        return sb.toString();
    }
}
