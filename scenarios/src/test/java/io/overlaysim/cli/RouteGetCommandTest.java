package io.overlaysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code overlaysim route get} on the seed cluster's worker01 table. */
class RouteGetCommandTest {
    static String seed() throws Exception {
        return Path.of(RouteGetCommandTest.class.getResource("/route-get/calico-ipip-seed.txt").toURI()).toString();
    }

    @Test
    void printsWhatIpRouteGetPrints() throws Exception {
        CliRun r = CliRun.of("route", "get", "--routes", seed(), "8.8.8.8");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("8.8.8.8 via 192.168.0.1 dev enp1s0 src 192.168.0.176 uid 0 \n    cache \n");
        CliRun t = CliRun.of("route", "get", "--routes", seed(), "172.16.103.65");
        assertThat(t.out()).startsWith("172.16.103.65 via 192.168.0.146 dev tunl0 src 192.168.0.176 uid 0 ");
    }

    @Test
    void jsonAndErrors() throws Exception {
        CliRun r = CliRun.of("route", "get", "--routes", seed(), "--json", "172.16.52.132");
        assertThat(r.out().strip()).isEqualTo(
                "[{\"dst\":\"172.16.52.132\",\"dev\":\"calib472a44443d\",\"prefsrc\":\"192.168.0.176\",\"flags\":[],\"uid\":0,\"cache\":[]}]");
        CliRun b = CliRun.of("route", "get", "--routes", seed(), "--json", "172.16.52.140");
        assertThat(b.out().strip()).isEqualTo("{\"error\":\"Invalid argument\"}");
    }

    @Test
    void batchPrintsOneLinePerQuery(@TempDir Path dir) throws Exception {
        Path q = dir.resolve("q.txt");
        Files.writeString(q, "# queries\n8.8.8.8\n172.16.52.140\n172.16.103.65 from 10.1.1.1 iif enp1s0\n");
        CliRun r = CliRun.of("route", "get", "--routes", seed(), "--batch", q.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "8.8.8.8 via 192.168.0.1 dev enp1s0 src 192.168.0.176 uid 0 \\    cache ",
                "RTNETLINK answers: Invalid argument",
                "172.16.103.65 from 10.1.1.1 via 192.168.0.146 dev tunl0 \\    cache iif enp1s0 ");
    }

    @Test
    void badFilesExitTwoWithFileLineColumn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("routes.txt");
        Files.writeString(bad, "default via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 frobnicate\n");
        CliRun r = CliRun.of("route", "get", "--routes", bad.toString(), "8.8.8.8");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("routes.txt:2:22: expected a route attribute").doesNotContain("Exception");
        Path q = dir.resolve("q.txt");
        Files.writeString(q, "8.8.8.8\n8.8.8.800\n");
        CliRun b = CliRun.of("route", "get", "--routes", seed(), "--batch", q.toString());
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains("q.txt:2:1: expected an IPv4 destination address, found \"8.8.8.800\"");
    }
}
