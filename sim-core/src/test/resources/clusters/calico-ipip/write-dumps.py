#!/usr/bin/env python3
"""Writes the Calico IPIP cluster's dumps (this folder's worker*/ trees) after the real format.

This kernel has no `ipip` link type, so these files cannot come from a real kernel: they are
written here, line by line, after iproute2 6.1's output as seen in make-clusters.sh's real
Calico VXLAN dumps (same printing code for the shared parts: header, link/ether, veth, cali*
routes, neighbours, FDB) and after the IPIP specifics of DESIGN.md's seed example and the
corpus (`tunl0@NONE`, `link/ipip 0.0.0.0 brd 0.0.0.0`, `ipip any remote any local any ttl
inherit nopmtudisc`, `via NODE dev tunl0 proto bird onlink`, `blackhole BLOCK proto bird`).
Run it from anywhere; it rewrites the files next to it. See README.md here.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HDR = ("# Written by hand (calico-ipip/write-dumps.py) after iproute2 6.1.0's real format, "
       "not dumped from a kernel (no ipip here): {what}, `{cmd}`")
GW, GW_MAC = "192.168.0.1", "52:54:00:00:00:01"
GENERIC = ("addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 "
           "tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536")
VETH_GENERIC = ("addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 "
                "tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536")
NIC_GENERIC = ("addrgenmode none numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 "
               "tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 parentbus virtio parentdev virtio0")

# node: address, NIC MAC, block, tunnel address, pods [(cali, address, pod MAC, netns)]
NODES = {
    "worker01": ("192.168.0.176", "52:54:00:6a:0b:b0", "172.16.52.128/26", "172.16.52.128", [
        ("calib472a44443d", "172.16.52.132", "3a:6c:1f:52:84:01", "cni-4a1f0c2e-93d1-5b6a-0e2c-1f7d8a3b9c01"),
        ("calia863a3ed0c4", "172.16.52.134", "3a:6c:1f:52:86:02", "cni-7c2d9e1a-4b8f-3e5d-9a1c-6b2e0f4d7a02"),
        ("cali6973aefed8d", "172.16.52.135", "3a:6c:1f:52:87:03", "cni-0e9b4d7c-2a6f-8c1e-5d3b-9f7a1c2e4b03")]),
    "worker02": ("192.168.0.146", "52:54:00:6a:0b:92", "172.16.103.64/26", "172.16.103.64", [
        ("cali5f2b8e1d7a9", "172.16.103.65", "3a:6c:1f:67:41:04", "cni-5b3e8a1d-7c2f-4e9b-1a6d-3c8f2e0b5d04")]),
    "worker03": ("192.168.0.241", "52:54:00:6a:0b:f1", "172.16.246.192/26", "172.16.246.192", [
        ("cali0c9d41e6b23", "172.16.246.193", "3a:6c:1f:f6:c1:05", "cni-9d4c2b7e-1f8a-6d3c-2e5b-7a9f4c1d8e05")]),
}


def ll6(mac):
    """The EUI-64 IPv6 link-local address of a MAC, as the kernel prints it."""
    b = [int(x, 16) for x in mac.split(":")]
    b[0] ^= 2
    words = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]]
    return "fe80::" + ":".join(format(w, "x") for w in words)


def write(path, what, cmd, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(HDR.format(what=what, cmd=cmd) + "\n")
        for line in lines:
            f.write(line + "\n")


def mcast_fdb(dev, mac):
    return [f"33:33:00:00:00:01 dev {dev} self permanent", f"01:00:5e:00:00:01 dev {dev} self permanent",
            f"33:33:ff:{mac[9:]} dev {dev} self permanent"]


def node(name):
    addr, mac, block, tun, pods = NODES[name]
    what = f"node {name} of a three-node Calico IPIP cluster (DESIGN.md seed example)"
    d = os.path.join(HERE, name)
    pods = sorted(pods, key=lambda p: tuple(int(x) for x in p[1].split(".")))
    main = [f"default via {GW} dev enp1s0 proto static ", f"blackhole {block} proto bird "]
    main += [f"{p[1]} dev {p[0]} scope link " for p in pods]
    peers = sorted((n for n in NODES if n != name), key=lambda n: [int(x) for x in NODES[n][2].split("/")[0].split(".")])
    main += [f"{NODES[p][2]} via {NODES[p][0]} dev tunl0 proto bird onlink " for p in peers]
    main += [f"192.168.0.0/24 dev enp1s0 proto kernel scope link src {addr} "]
    write(f"{d}/ip-route.txt", what, "ip route", main)
    local = ["local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ",
             "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 ",
             "broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 ",
             f"local {tun} dev tunl0 table local proto kernel scope host src {tun} ",
             f"local {addr} dev enp1s0 table local proto kernel scope host src {addr} ",
             f"broadcast 192.168.0.255 dev enp1s0 table local proto kernel scope link src {addr} "]
    v6devs = ["enp1s0"] + [p[0] for p in pods]
    v6 = [f"fe80::/64 dev {x} proto kernel metric 256 pref medium" for x in v6devs]
    v6 += ["local ::1 dev lo table local proto kernel metric 0 pref medium",
           f"local {ll6(mac)} dev enp1s0 table local proto kernel metric 0 pref medium"]
    v6 += [f"local {ll6('ee:ee:ee:ee:ee:ee')} dev {p[0]} table local proto kernel metric 0 pref medium" for p in pods]
    v6 += [f"multicast ff00::/8 dev {x} table local proto kernel metric 256 pref medium" for x in v6devs]
    write(f"{d}/ip-route-table-all.txt", what, "ip route show table all", main + local + v6)

    links = [
        ("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN {mode}group default qlen 1000",
         "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00{det}", f" promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 {GENERIC} ", None,
         ["    inet 127.0.0.1/8 scope host lo", "       valid_lft forever preferred_lft forever",
          "    inet6 ::1/128 scope host ", "       valid_lft forever preferred_lft forever"]),
        ("2: enp1s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP {mode}group default qlen 1000",
         f"    link/ether {mac} brd ff:ff:ff:ff:ff:ff{{det}}", f" promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 {NIC_GENERIC} ", None,
         [f"    inet {addr}/24 brd 192.168.0.255 scope global enp1s0", "       valid_lft forever preferred_lft forever",
          f"    inet6 {ll6(mac)}/64 scope link ", "       valid_lft forever preferred_lft forever"]),
        ("3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN {mode}group default qlen 1000",
         "    link/ipip 0.0.0.0 brd 0.0.0.0{det}", " promiscuity 0  allmulti 0 minmtu 68 maxmtu 65515 ",
         f"    ipip any remote any local any ttl inherit nopmtudisc {GENERIC} ",
         [f"    inet {tun}/32 scope global tunl0", "       valid_lft forever preferred_lft forever"]),
    ]
    for i, (cali, paddr, pmac, netns) in enumerate(pods):
        links.append((f"{4 + i}: {cali}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP {{mode}}group default qlen 1000",
                      f"    link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netns {netns}{{det}}",
                      " promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 ", f"    veth {VETH_GENERIC} ",
                      [f"    inet6 {ll6('ee:ee:ee:ee:ee:ee')}/64 scope link ", "       valid_lft forever preferred_lft forever"]))
    addr_lines, link_lines = [], []
    for head, ll, det, kind, inet in links:
        addr_lines += [head.format(mode=""), ll.format(det="")] + inet
        link_lines += [head.format(mode="mode DEFAULT "), ll.format(det=det)] + ([kind] if kind else [])
    write(f"{d}/ip-addr.txt", what, "ip addr", addr_lines)
    write(f"{d}/ip-link.txt", what, "ip -d link", link_lines)
    write(f"{d}/ip-rule.txt", what, "ip rule", ["0:\tfrom all lookup local", "32766:\tfrom all lookup main",
                                                 "32767:\tfrom all lookup default"])
    neigh = [f"{GW} dev enp1s0 lladdr {GW_MAC} REACHABLE "]
    neigh += [f"{p[1]} dev {p[0]} lladdr {p[2]} REACHABLE " for p in pods]
    neigh += [f"{NODES[p][0]} dev enp1s0 lladdr {NODES[p][1]} STALE " for p in peers]
    write(f"{d}/ip-neigh.txt", what, "ip neigh", neigh)
    fdb = mcast_fdb("enp1s0", mac)
    for p in pods:
        fdb += mcast_fdb(p[0], "ee:ee:ee:ee:ee:ee")
    write(f"{d}/bridge-fdb.txt", what, "bridge fdb", fdb)
    for cali, paddr, pmac, netns in pods:
        pod(name, cali, paddr, pmac, 4 + pods.index((cali, paddr, pmac, netns)))


def pod(node_name, cali, addr, mac, host_ifindex):
    pod_name = "pod-" + addr.split(".")[-1]
    what = f"pod {pod_name} ({addr}) on {node_name} of a three-node Calico IPIP cluster"
    d = os.path.join(HERE, node_name, "pods", pod_name)
    write(f"{d}/ip-route.txt", what, "ip route", ["default via 169.254.1.1 dev eth0 ", "169.254.1.1 dev eth0 scope link "])
    head = [
        ("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN {mode}group default qlen 1000",
         "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00{det}", f" promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 {GENERIC} ", None,
         ["    inet 127.0.0.1/8 scope host lo", "       valid_lft forever preferred_lft forever",
          "    inet6 ::1/128 scope host ", "       valid_lft forever preferred_lft forever"]),
        # The ipip module creates tunl0 in every namespace; in a pod it stays down.
        ("2: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN {mode}group default qlen 1000",
         "    link/ipip 0.0.0.0 brd 0.0.0.0{det}", " promiscuity 0  allmulti 0 minmtu 68 maxmtu 65515 ",
         f"    ipip any remote any local any ttl inherit nopmtudisc {GENERIC} ", []),
        (f"3: eth0@if{host_ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP {{mode}}group default qlen 1000",
         f"    link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0{{det}}", " promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 ",
         f"    veth {VETH_GENERIC} ",
         [f"    inet {addr}/32 scope global eth0", "       valid_lft forever preferred_lft forever",
          f"    inet6 {ll6(mac)}/64 scope link ", "       valid_lft forever preferred_lft forever"]),
    ]
    addr_lines, link_lines = [], []
    for h, ll, det, kind, inet in head:
        addr_lines += [h.format(mode=""), ll.format(det="")] + inet
        link_lines += [h.format(mode="mode DEFAULT "), ll.format(det=det)] + ([kind] if kind else [])
    write(f"{d}/ip-addr.txt", what, "ip addr", addr_lines)
    write(f"{d}/ip-link.txt", what, "ip -d link", link_lines)
    write(f"{d}/ip-neigh.txt", what, "ip neigh", ["169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE "])
    write(f"{d}/bridge-fdb.txt", what, "bridge fdb", mcast_fdb("eth0", mac))


if __name__ == "__main__":
    for n in NODES:
        node(n)
