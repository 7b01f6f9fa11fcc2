package io.overlaysim.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.overlaysim.iproute.LineTokens;
import io.overlaysim.iproute.RouteQueryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers of the real kernel (Linux 6.18, asked with linux-route-oracle) that a textbook router
 * would get wrong. Each expected string is what {@code ip -o route get} printed there.
 */
class KernelSurprisesTest {
    static final String SPLIT_VPN = """
            0.0.0.0/1 dev wg0 scope link
            blackhole default
            10.51.1.6 dev wg0 scope link
            116.232.65.17 via 76.30.145.1 dev eth4
            128.0.0.0/1 dev wg0 scope link
            """;

    @Test
    void zeroNetworkIsOrdinaryUnicastSinceLinux53() {
        assertThat(Dumps.of(SPLIT_VPN).get("0.0.0.1")).isEqualTo("0.0.0.1 dev wg0 uid 0 \\    cache ");
    }

    @Test
    void limitedBroadcastFollowsTheCoveringRouteWithNoSourceWhenTheNodeHasNoAddress() {
        assertThat(Dumps.of(SPLIT_VPN).get("255.255.255.255"))
                .isEqualTo("broadcast 255.255.255.255 dev wg0 uid 0 \\    cache <local,brd> ");
    }

    @Test
    void multicastAnswersCarryTheRtcfBitIproutePrintsAsRtOffloadFailed() {
        Dumps d = Dumps.of(SPLIT_VPN);
        assertThat(d.get("224.0.0.1")).isEqualTo("multicast 224.0.0.1 dev wg0 rt_offload_failed uid 0 \\    cache <local,mc> ");
        assertThat(d.get("239.1.1.1")).isEqualTo("multicast 239.1.1.1 dev wg0 rt_offload_failed uid 0 \\    cache <mc> ");
    }

    @Test
    void theZeroAddressIsTheLoopback() {
        assertThat(Dumps.of(SPLIT_VPN).get("0.0.0.0")).isEqualTo("local 0.0.0.0 dev lo src 127.0.0.1 uid 0 \\    cache <local> ");
    }

    @Test
    void aGatewayNoRouteReachesIsRefusedAndTheTableAnswersWithoutIt() {
        Dumps d = Dumps.of(SPLIT_VPN);
        assertThat(d.report.failed()).singleElement().satisfies(o -> {
            assertThat(o.line()).isEqualTo(4);
            assertThat(o.message()).isEqualTo("Nexthop has invalid gateway");
        });
        assertThat(d.get("116.232.65.17")).isEqualTo("116.232.65.17 dev wg0 uid 0 \\    cache ");
    }

    static final String REJECTS = """
            10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2
            blackhole 10.1.0.0/16
            throw 10.2.0.0/16
            unreachable 10.3.0.0/16
            prohibit 10.4.0.0/16
            default via 10.0.0.1 dev eth0 table default
            10.1.2.0/24 via 10.0.0.1 dev eth0
            """;

    @Test
    void rejectTypesAnswerWithTheirErrnoAndABlackholeInMainDoesNotFallThroughToTableDefault() {
        Dumps d = Dumps.of(REJECTS);
        assertThat(d.get("10.1.1.1")).isEqualTo("RTNETLINK answers: Invalid argument");
        assertThat(d.get("10.3.1.1")).isEqualTo("RTNETLINK answers: No route to host");
        assertThat(d.get("10.4.1.1")).isEqualTo("RTNETLINK answers: Permission denied");
        assertThat(d.get("10.1.1.1 from 10.0.0.9 iif eth0")).isEqualTo("RTNETLINK answers: Invalid argument");
    }

    @Test
    void throwAndNoMatchInMainResumeInTableDefault() {
        Dumps d = Dumps.of(REJECTS);
        assertThat(d.get("10.2.1.1")).isEqualTo("10.2.1.1 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0 \\    cache ");
        assertThat(d.get("8.8.8.8")).isEqualTo("8.8.8.8 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0 \\    cache ");
        assertThat(d.get("10.1.2.3")).isEqualTo("10.1.2.3 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0 \\    cache ");
    }

    @Test
    void forwardingBackOutOfTheSameLinkMarksAnIcmpRedirect() {
        assertThat(Dumps.of(REJECTS).get("10.0.0.7 from 10.0.0.9 iif eth0"))
                .isEqualTo("10.0.0.7 from 10.0.0.9 dev eth0 \\    cache <redirect> iif eth0 ");
    }

    static final String RULED = """
            10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2
            10.9.0.0/24 dev eth1 proto kernel scope link src 10.9.0.2
            default via 10.0.0.1 dev eth0
            default via 10.9.0.1 dev eth1 table 100
            throw 8.8.4.0/24 table 100
            default via 10.9.0.1 dev eth1 table 200
            blackhole 1.1.1.0/24 table 200
            """;
    static final String RULES = """
            0:	from all lookup local
            100:	from all fwmark 0x1 lookup 100
            150:	from all to 9.9.9.0/24 unreachable
            160:	from all to 7.7.7.0/24 prohibit
            170:	from all to 6.6.6.0/24 blackhole
            200:	from 10.9.0.2 lookup 200
            250:	from all lookup main suppress_prefixlength 0
            32766:	from all lookup main
            32767:	from all lookup default
            """;

    @Test
    void policyRulesAsTheKernelWalksThem() {
        Dumps d = Dumps.of(RULED, RULES);
        assertThat(d.get("8.8.8.8 mark 1")).isEqualTo("8.8.8.8 via 10.9.0.1 dev eth1 src 10.9.0.2 mark 1 uid 0 \\    cache ");
        assertThat(d.get("8.8.4.4 mark 1")).as("throw resumes at the next rule")
                .isEqualTo("8.8.4.4 via 10.0.0.1 dev eth0 src 10.0.0.2 mark 1 uid 0 \\    cache ");
        assertThat(d.get("9.9.9.9")).as("a rule's unreachable is ENETUNREACH").isEqualTo("RTNETLINK answers: Network is unreachable");
        assertThat(d.get("7.7.7.7")).isEqualTo("RTNETLINK answers: Permission denied");
        assertThat(d.get("6.6.6.6")).isEqualTo("RTNETLINK answers: Invalid argument");
        assertThat(d.get("1.1.1.1 from 10.9.0.2")).isEqualTo("RTNETLINK answers: Invalid argument");
        assertThat(d.get("1.1.1.1")).isEqualTo("1.1.1.1 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0 \\    cache ");
        assertThat(d.get("10.0.0.5 from 10.9.0.2")).as("source rule before main")
                .isEqualTo("10.0.0.5 from 10.9.0.2 via 10.9.0.1 dev eth1 uid 0 \\    cache ");
    }

    @Test
    void inputLookupsNeedASourceAndRefuseOurOwnAddressAsSource() {
        Dumps d = Dumps.of(REJECTS);
        assertThat(d.get("8.8.8.8 iif eth0")).isEqualTo("RTNETLINK answers: Invalid argument");
        assertThat(d.get("10.0.0.9 from 10.0.0.2 iif eth0")).isEqualTo("RTNETLINK answers: Invalid argument");
        assertThat(d.get("10.0.0.2 from 10.0.0.9 iif eth0")).isEqualTo("local 10.0.0.2 from 10.0.0.9 dev lo \\    cache <local> iif eth0 ");
        assertThat(d.get("0.0.0.0 iif eth0")).isEqualTo("broadcast 0.0.0.0 dev lo \\    cache <local,brd> iif eth0 ");
    }

    @Test
    void aSourceThatIsNotOursIsUnreachableAndALoopbackSourceInvalid() {
        Dumps d = Dumps.of(REJECTS);
        assertThat(d.get("8.8.8.8 from 1.2.3.4")).isEqualTo("RTNETLINK answers: Network is unreachable");
        assertThat(d.get("8.8.8.8 from 127.0.0.1")).isEqualTo("RTNETLINK answers: Invalid argument");
    }

    /**
     * 300 flows over a weighted four-way route (1, 2, 3, 1), some with a source on either
     * device: the next hop is exactly the kernel's (SipHash flow hash with seed 1, and since
     * 6.15 the hop whose own source is the flow's).
     */
    @Test
    void weightedMultipathPicksTheKernelsNextHop() throws Exception {
        Path dir = Path.of(getClass().getResource("/kernel").toURI());
        Dumps d = Dumps.of(Files.readString(dir.resolve("multipath-weighted.txt")));
        List<String> queries = Files.readAllLines(dir.resolve("multipath-weighted.dests.txt"));
        List<String> answers = Files.readAllLines(dir.resolve("multipath-weighted.expected.jsonl"));
        int agree = 0;
        for (int i = 0; i < queries.size(); i++) {
            JsonNode want = KernelConformanceTest.JSON.readTree(answers.get(i));
            RouteAnswer got = d.lookup.get(RouteQueryParser.parse(LineTokens.of("q", i + 1, queries.get(i))));
            if (KernelConformanceTest.compare(got, want) == null) {
                agree++;
            }
        }
        assertThat(agree).isEqualTo(300);
    }
}
