#!/usr/bin/env bash
# make-clusters.sh: builds two small Kubernetes-style overlay clusters out of Linux network
# namespaces, proves them with pings, and saves every node's and pod's `ip` / `bridge` dumps as
# test data for the iproute parsers and the dump importer.
#
#   (a) calico-vxlan/  three Calico VXLAN nodes, set up the way Felix programs them:
#       vxlan.calico (VNI 4096, dstport 4789, nolearning, MTU 1450, the block's first address
#       /32), remote blocks `via TUNADDR dev vxlan.calico onlink proto 80`, own block
#       `blackhole BLOCK proto 80`, a PERMANENT neighbour and a `self permanent` FDB entry per
#       remote VTEP, and pods on cali* veths (host side ee:ee:ee:ee:ee:ee with proxy_arp, /32
#       host route; pod side eth0 with `default via 169.254.1.1`).
#   (b) flannel-vxlan/ three Flannel VXLAN nodes as flanneld + the bridge CNI set them up:
#       flannel.1 (VNI 1, dstport 8472, nolearning, MTU 1450, 10.244.N.0/32), cni0 bridge with
#       10.244.N.1/24, `10.244.M.0/24 via 10.244.M.0 dev flannel.1 onlink`, neighbour + FDB
#       entries per remote node, pods on veth* ports of cni0.
# Nodes sit on one underlay bridge (br0 in a "lan" namespace, 192.168.0.0/24, gateway .1).
#
# Usage (root; needs iproute2, iputils-ping; the kernel needs veth, bridge and vxlan):
#   sudo sim-core/src/test/resources/clusters/make-clusters.sh [OUTDIR]
# OUTDIR defaults to this script's folder. Output: OUTDIR/<cluster>/<node>/{ip-route.txt,
# ip-route-table-all.txt, ip-addr.txt, ip-link.txt (ip -d link), ip-rule.txt, ip-neigh.txt,
# bridge-fdb.txt} and the same names with .json for the -j forms; each pod's dumps go to
# OUTDIR/<cluster>/<node>/pods/<pod>/. Every file starts with a `#` line saying how it was made.
# The ping results are printed and saved in OUTDIR/<cluster>/PING.txt.
#
# Safety: only namespaces named ovsim-mk-* that this script creates are touched, and all of
# them are deleted on exit, also on error or Ctrl-C. Traffic stays inside those namespaces.
set -euo pipefail

OUT=${1:-$(cd "$(dirname "$0")" && pwd)}
P=ovsim-mk
CREATED=()

cleanup() {
    local ns
    for ns in "${CREATED[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
    done
}
trap cleanup EXIT INT TERM

mkns() {
    ip netns add "$1"
    CREATED+=("$1")
    ip -n "$1" link set lo up
    ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1
}

IPV=$(ip -V | sed 's/.*iproute2-//; s/,.*//')
KER=$(uname -r)

# lan NAME: the underlay namespace with bridge br0 and the gateway address 192.168.0.1.
lan() {
    local ns=$P-$1-lan
    mkns "$ns"
    ip -n "$ns" link add br0 address 02:00:00:00:00:01 type bridge
    ip -n "$ns" addr add 192.168.0.1/24 dev br0
    ip -n "$ns" link set br0 up
}

# node CLUSTER NODE NIC ADDR MAC: a node namespace wired to the lan bridge.
node() {
    local c=$1 n=$2 nic=$3 addr=$4 mac=$5 ns=$P-$1-$2
    mkns "$ns"
    ip -n "$P-$c-lan" link add "p-$n" type veth peer name "$nic" netns "$ns"
    ip -n "$P-$c-lan" link set "p-$n" master br0 up
    ip -n "$ns" link set "$nic" address "$mac" up
    ip -n "$ns" addr add "$addr/24" dev "$nic"
    ip -n "$ns" route add default via 192.168.0.1 dev "$nic" proto static
}

# dump DIR NS WHAT: every dump of one namespace, text and JSON, each with a header line.
dump() {
    local dir=$1 ns=$2 what=$3
    mkdir -p "$dir"
    local hdr="# Made by make-clusters.sh (sim-core/src/test/resources/clusters) on a real kernel $KER, iproute2 $IPV: $what"
    local -a names=(ip-route ip-route-table-all ip-addr ip-link ip-rule ip-neigh bridge-fdb)
    local -a cmds=("ip route" "ip route show table all" "ip addr" "ip -d link" "ip rule" "ip neigh" "bridge fdb")
    local i cmd jcmd
    for i in "${!names[@]}"; do
        cmd=${cmds[$i]}
        { echo "$hdr, \`$cmd\`"; ip netns exec "$ns" $cmd; } >"$dir/${names[$i]}.txt"
        jcmd=${cmd/#ip /ip -j }
        jcmd=${jcmd/#bridge /bridge -j }
        { echo "$hdr, \`$jcmd\`"; ip netns exec "$ns" $jcmd; echo; } >"$dir/${names[$i]}.json"
    done
}

# ---------------------------------------------------------------- (a) Calico VXLAN
calico_pod() { # NODE POD CALI ADDR PODMAC
    local n=$1 pod=$2 cali=$3 addr=$4 mac=$5 hns=$P-cvx-$1 pns=$P-cvx-$1-$2
    mkns "$pns"
    ip -n "$hns" link add "$cali" address ee:ee:ee:ee:ee:ee type veth peer name eth0 netns "$pns"
    ip -n "$pns" link set eth0 address "$mac" mtu 1450 up
    ip -n "$hns" link set "$cali" mtu 1450 up
    ip -n "$pns" addr add "$addr/32" dev eth0
    ip -n "$pns" route add 169.254.1.1 dev eth0 scope link
    ip -n "$pns" route add default via 169.254.1.1 dev eth0
    # Felix: proxy ARP answers the pod's ARP for 169.254.1.1; /32 route toward the pod.
    ip netns exec "$hns" sysctl -qw "net.ipv4.conf.$cali.proxy_arp=1" "net.ipv4.neigh.$cali.proxy_delay=0" \
        "net.ipv4.conf.$cali.forwarding=1"
    ip -n "$hns" route add "$addr" dev "$cali" scope link
}

calico_vxlan() {
    local c=cvx
    lan $c
    # node, NIC address, NIC MAC, block, tunnel address, vxlan.calico MAC
    local -a N=(worker01 worker02 worker03)
    local -A IP=([worker01]=192.168.0.176 [worker02]=192.168.0.146 [worker03]=192.168.0.241)
    local -A BLOCK=([worker01]=172.16.52.128/26 [worker02]=172.16.103.64/26 [worker03]=172.16.246.192/26)
    local -A TUN=([worker01]=172.16.52.128 [worker02]=172.16.103.64 [worker03]=172.16.246.192)
    local -A VMAC=([worker01]=66:e7:4b:1a:52:80 [worker02]=66:58:0d:2c:67:40 [worker03]=66:31:f2:9e:f6:c0)
    local -A NMAC=([worker01]=52:54:00:6a:0b:b0 [worker02]=52:54:00:6a:0b:92 [worker03]=52:54:00:6a:0b:f1)
    local n m ns
    for n in "${N[@]}"; do
        node $c "$n" enp1s0 "${IP[$n]}" "${NMAC[$n]}"
        ns=$P-$c-$n
        ip -n "$ns" link add vxlan.calico address "${VMAC[$n]}" mtu 1450 type vxlan id 4096 \
            local "${IP[$n]}" dev enp1s0 dstport 4789 nolearning
        ip -n "$ns" addr add "${TUN[$n]}/32" dev vxlan.calico
        ip -n "$ns" link set vxlan.calico up
        ip -n "$ns" route add blackhole "${BLOCK[$n]}" proto 80
    done
    for n in "${N[@]}"; do
        ns=$P-$c-$n
        for m in "${N[@]}"; do
            [ "$m" = "$n" ] && continue
            # Felix's vxlan manager: ARP entry for the peer's tunnel address, FDB entry for its
            # VTEP, and the block route via the tunnel address (onlink: no connected route).
            ip -n "$ns" neigh add "${TUN[$m]}" lladdr "${VMAC[$m]}" dev vxlan.calico nud permanent
            bridge -n "$ns" fdb append "${VMAC[$m]}" dev vxlan.calico dst "${IP[$m]}" self permanent
            ip -n "$ns" route add "${BLOCK[$m]}" via "${TUN[$m]}" dev vxlan.calico onlink proto 80
        done
    done
    calico_pod worker01 pod-a calib472a44443d 172.16.52.132 3a:6c:1f:52:84:01
    calico_pod worker01 pod-b calia863a3ed0c4 172.16.52.134 3a:6c:1f:52:86:02
    calico_pod worker02 pod-c cali5f2b8e1d7a9 172.16.103.65 3a:6c:1f:67:41:03
    calico_pod worker03 pod-d cali0c9d41e6b23 172.16.246.193 3a:6c:1f:f6:c1:04
}

# ---------------------------------------------------------------- (b) Flannel VXLAN
flannel_pod() { # NODE POD VETH ADDR PODMAC GW
    local n=$1 pod=$2 veth=$3 addr=$4 mac=$5 gw=$6 hns=$P-fvx-$1 pns=$P-fvx-$1-$2
    mkns "$pns"
    ip -n "$hns" link add "$veth" type veth peer name eth0 netns "$pns"
    ip -n "$pns" link set eth0 address "$mac" mtu 1450 up
    ip -n "$hns" link set "$veth" mtu 1450 master cni0 up
    ip -n "$pns" addr add "$addr/24" dev eth0
    # The bridge CNI plugin with isDefaultGateway, and flannel's network as an extra route.
    ip -n "$pns" route add default via "$gw" dev eth0
    ip -n "$pns" route add 10.244.0.0/16 via "$gw" dev eth0
}

flannel_vxlan() {
    local c=fvx
    lan $c
    local -a N=(worker01 worker02 worker03)
    local -A IP=([worker01]=192.168.0.101 [worker02]=192.168.0.102 [worker03]=192.168.0.103)
    local -A IDX=([worker01]=0 [worker02]=1 [worker03]=2)
    local -A VMAC=([worker01]=9e:1c:3a:00:00:65 [worker02]=9e:1c:3a:00:01:66 [worker03]=9e:1c:3a:00:02:67)
    local -A NMAC=([worker01]=52:54:00:3c:00:65 [worker02]=52:54:00:3c:00:66 [worker03]=52:54:00:3c:00:67)
    local -A BMAC=([worker01]=a2:4e:81:00:00:01 [worker02]=a2:4e:81:00:01:01 [worker03]=a2:4e:81:00:02:01)
    local n m ns i
    for n in "${N[@]}"; do
        node $c "$n" eth0 "${IP[$n]}" "${NMAC[$n]}"
        ns=$P-$c-$n
        i=${IDX[$n]}
        ip -n "$ns" link add flannel.1 address "${VMAC[$n]}" mtu 1450 type vxlan id 1 \
            local "${IP[$n]}" dev eth0 dstport 8472 nolearning
        ip -n "$ns" addr add "10.244.$i.0/32" dev flannel.1
        ip -n "$ns" link set flannel.1 up
        ip -n "$ns" link add cni0 address "${BMAC[$n]}" mtu 1450 type bridge
        ip -n "$ns" addr add "10.244.$i.1/24" dev cni0
        ip -n "$ns" link set cni0 up
    done
    for n in "${N[@]}"; do
        ns=$P-$c-$n
        for m in "${N[@]}"; do
            [ "$m" = "$n" ] && continue
            i=${IDX[$m]}
            # flanneld's vxlan backend (handleSubnetEvents): ARP, FDB, then the onlink route.
            ip -n "$ns" neigh add "10.244.$i.0" lladdr "${VMAC[$m]}" dev flannel.1 nud permanent
            bridge -n "$ns" fdb append "${VMAC[$m]}" dev flannel.1 dst "${IP[$m]}" self permanent
            ip -n "$ns" route add "10.244.$i.0/24" via "10.244.$i.0" dev flannel.1 onlink
        done
    done
    flannel_pod worker01 pod-a veth3b1f7c2a 10.244.0.2 0a:58:0a:f4:00:02 10.244.0.1
    flannel_pod worker01 pod-b veth9d04e6b1 10.244.0.3 0a:58:0a:f4:00:03 10.244.0.1
    flannel_pod worker02 pod-c veth5a7c21e0 10.244.1.2 0a:58:0a:f4:01:02 10.244.1.1
    flannel_pod worker03 pod-d vethc84f0d3e 10.244.2.2 0a:58:0a:f4:02:02 10.244.2.1
}

# ping CLUSTER FROM-NODE FROM-POD TO-ADDR: one line of PING.txt
pingtest() {
    local c=$1 n=$2 pod=$3 to=$4 res
    if res=$(ip netns exec "$P-$c-$n-$pod" ping -c 2 -W 2 -i 0.3 "$to" 2>&1); then
        echo "OK   $n/$pod -> $to: $(echo "$res" | grep -E 'packets transmitted')"
    else
        echo "FAIL $n/$pod -> $to: $(echo "$res" | tail -2 | tr '\n' ' ')"
        FAILED=1
    fi
}

dump_cluster() { # CLUSTER-KEY DIR DESCRIPTION PODS...
    local c=$1 dir=$OUT/$2 desc=$3 n pod
    shift 3
    for n in worker01 worker02 worker03; do
        dump "$dir/$n" "$P-$c-$n" "node $n of $desc"
    done
    for pod in "$@"; do
        n=${pod%%/*}
        dump "$dir/$n/pods/${pod#*/}" "$P-$c-$n-${pod#*/}" "pod ${pod#*/} on $n of $desc"
    done
}

FAILED=0
calico_vxlan
flannel_vxlan
sleep 2 # let IPv6 DAD settle so addresses are not printed `tentative`

mkdir -p "$OUT/calico-vxlan" "$OUT/flannel-vxlan"
{
    echo "# make-clusters.sh ping results, kernel $KER, iproute2 $IPV"
    pingtest cvx worker01 pod-a 172.16.103.65
    pingtest cvx worker01 pod-a 172.16.246.193
    pingtest cvx worker02 pod-c 172.16.52.132
    pingtest cvx worker03 pod-d 172.16.52.134
    pingtest cvx worker01 pod-a 172.16.52.134
} | tee "$OUT/calico-vxlan/PING.txt"
{
    echo "# make-clusters.sh ping results, kernel $KER, iproute2 $IPV"
    pingtest fvx worker01 pod-a 10.244.1.2
    pingtest fvx worker01 pod-a 10.244.2.2
    pingtest fvx worker02 pod-c 10.244.0.3
    pingtest fvx worker03 pod-d 10.244.0.2
    pingtest fvx worker01 pod-a 10.244.0.3
} | tee "$OUT/flannel-vxlan/PING.txt"
grep -q FAIL "$OUT/calico-vxlan/PING.txt" "$OUT/flannel-vxlan/PING.txt" && FAILED=1

dump_cluster cvx calico-vxlan "a three-node Calico VXLAN cluster in network namespaces" \
    worker01/pod-a worker01/pod-b worker02/pod-c worker03/pod-d
dump_cluster fvx flannel-vxlan "a three-node Flannel VXLAN cluster in network namespaces" \
    worker01/pod-a worker01/pod-b worker02/pod-c worker03/pod-d

echo "dumps written under $OUT/calico-vxlan and $OUT/flannel-vxlan"
exit $FAILED
