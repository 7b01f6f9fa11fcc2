#!/bin/bash
# How the kernel answers in this directory were made (run as root; Linux 6.18 on the dev machine).
# Topology (namespaces ks-a, ks-r, ks-b, ks-p; everything deleted at the end):
#
#   ks-p (pod) p0 10.0.3.2/32 ---- rp (ks-r host side, no address, proxy_arp)
#   ks-a a0 10.0.1.2/24 ---- r0 10.0.1.1/24 [ks-r] r1 10.0.2.1/24 (mtu 1400) ---- b0 10.0.2.2/24 ks-b
#
# Captures are taken with dumpcap inside the namespaces; outputs go to $OUT.
set -u
OUT=${1:-.}
NS="ks-a ks-r ks-b ks-p"
cleanup() { for n in $NS; do ip netns del $n 2>/dev/null; done; }
cleanup
for n in $NS; do ip netns add $n; ip -n $n link set lo up; done
ip link add a0 netns ks-a type veth peer name r0 netns ks-r
ip link add r1 netns ks-r type veth peer name b0 netns ks-b
ip link add p0 netns ks-p type veth peer name rp netns ks-r
ip -n ks-a addr add 10.0.1.2/24 dev a0; ip -n ks-a link set a0 up
ip -n ks-r addr add 10.0.1.1/24 dev r0; ip -n ks-r link set r0 up
ip -n ks-r addr add 10.0.2.1/24 dev r1; ip -n ks-r link set r1 up mtu 1400
ip -n ks-b addr add 10.0.2.2/24 dev b0; ip -n ks-b link set b0 up mtu 1400
ip -n ks-r link set rp up
ip -n ks-p addr add 10.0.3.2/32 dev p0; ip -n ks-p link set p0 up
ip -n ks-p route add 169.254.1.1 dev p0 scope link
ip -n ks-p route add default via 169.254.1.1 dev p0
ip -n ks-r route add 10.0.3.2 dev rp scope link
ip -n ks-r route add default via 10.0.1.2 dev r0
ip -n ks-a route add default via 10.0.1.1
ip -n ks-b route add default via 10.0.2.1
ip netns exec ks-r sysctl -qw net.ipv4.ip_forward=1
ip netns exec ks-r sysctl -qw net.ipv4.conf.rp.proxy_arp=1
cap() { # ns dev file seconds
  ip netns exec $1 timeout $4 dumpcap -q -P -i $2 -w $OUT/$3 >/dev/null 2>&1 & sleep 1; }
sleep 1
# 1. ARP for an absent neighbour: requests and the ping error
cap ks-a a0 arp-absent-neighbour.pcap 7
ip netns exec ks-a ping -n -c 1 -W 6 10.0.1.99 > $OUT/arp-absent-neighbour.ping.txt 2>&1
sleep 2
# 2. frag needed: DF 1500-byte packet, next hop MTU 1400; 3. TTL exceeded
cap ks-a a0 icmp-errors.pcap 8
ip netns exec ks-a ping -n -c 1 -W 1 -M do -s 1472 10.0.2.2 > $OUT/icmp-errors.ping.txt 2>&1
ip netns exec ks-a ping -n -c 1 -W 1 -t 1 10.0.2.2 >> $OUT/icmp-errors.ping.txt 2>&1
# 4. source of ICMP errors: route back to the sender carries src 10.9.9.9 (on lo)
ip -n ks-r addr add 10.9.9.9/32 dev lo
ip -n ks-r route replace 10.0.1.0/24 dev r0 src 10.9.9.9
ip netns exec ks-a ping -n -c 1 -W 1 -t 1 10.0.2.2 >> $OUT/icmp-errors.ping.txt 2>&1
ip -n ks-r route replace 10.0.1.0/24 dev r0 proto kernel scope link src 10.0.1.1
ip netns exec ks-a ping -n -c 1 -W 1 10.0.7.7 >> $OUT/icmp-errors.ping.txt 2>&1   # via r's default back to a: redirect, forwarded
sleep 3
# 5. fragmentation on the 1400 link: capture on b0
cap ks-b b0 fragments.pcap 4
ip netns exec ks-a ping -n -c 1 -W 1 -M dont -s 2972 10.0.2.2 > $OUT/fragments.ping.txt 2>&1
sleep 3
# 6. proxy ARP for 169.254.1.1, with the default proxy_delay (80 jiffies), then proxy_delay 0 (Calico)
cap ks-p p0 proxy-arp.pcap 6
ip netns exec ks-p ping -n -c 1 -W 2 10.0.1.2 > $OUT/proxy-arp.ping.txt 2>&1
ip -n ks-p neigh flush dev p0
ip netns exec ks-r sysctl -qw net.ipv4.neigh.rp.proxy_delay=0
ip netns exec ks-p ping -n -c 1 -W 2 10.0.1.2 >> $OUT/proxy-arp.ping.txt 2>&1
ip -n ks-p neigh show > $OUT/proxy-arp.neigh.txt
sleep 3
# 7. rp_filter on r0: a sends from 10.0.2.77 (a source r routes out r1); count what reaches b
ip -n ks-a addr add 10.0.2.77/32 dev a0
: > $OUT/rp-filter.txt
for mode in 0 1 2; do
  ip netns exec ks-r sysctl -qw net.ipv4.conf.r0.rp_filter=$mode
  before=$(ip netns exec ks-b cat /sys/class/net/b0/statistics/rx_packets)
  ip netns exec ks-a ping -n -c 2 -i 0.2 -W 1 -I 10.0.2.77 10.0.2.2 >/dev/null 2>&1
  after=$(ip netns exec ks-b cat /sys/class/net/b0/statistics/rx_packets)
  echo "rp_filter=$mode spoofed-source 10.0.2.77 in r0: b0 received $((after-before)) packets (2 echo requests sent)" >> $OUT/rp-filter.txt
done
# loose mode with no route at all back to the source (r's default route removed)
ip -n ks-r route del default
ip -n ks-a addr add 10.0.99.9/32 dev a0
ip netns exec ks-r sysctl -qw net.ipv4.conf.r0.rp_filter=2
before=$(ip netns exec ks-b cat /sys/class/net/b0/statistics/rx_packets)
ip netns exec ks-a ping -n -c 2 -i 0.2 -W 1 -I 10.0.99.9 10.0.2.2 >/dev/null 2>&1
after=$(ip netns exec ks-b cat /sys/class/net/b0/statistics/rx_packets)
echo "rp_filter=2 unroutable source 10.0.99.9 in r0: b0 received $((after-before)) packets (2 sent)" >> $OUT/rp-filter.txt
ip netns exec ks-r sysctl -qw net.ipv4.conf.r0.rp_filter=0
before=$(ip netns exec ks-b cat /sys/class/net/b0/statistics/rx_packets)
ip netns exec ks-a ping -n -c 2 -i 0.2 -W 1 -I 10.0.99.9 10.0.2.2 >/dev/null 2>&1
after=$(ip netns exec ks-b cat /sys/class/net/b0/statistics/rx_packets)
echo "rp_filter=0 unroutable source 10.0.99.9 in r0: b0 received $((after-before)) packets (2 sent)" >> $OUT/rp-filter.txt
# 8. reassembly timeout: b gets only the first fragment; ipfrag_time=2
ip netns exec ks-b sysctl -qw net.ipv4.ipfrag_time=2
cap ks-a a0 reassembly-timeout.pcap 6
ip netns exec ks-a python3 - <<'PY'
import socket, struct
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b)//2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16; return ~s & 0xffff
payload = struct.pack('!BBHHH', 8, 0, 0, 0x4242, 1) + bytes(range(256))[:64]
payload = payload[:2] + struct.pack('!H', csum(payload + b'\0'*(len(payload)%2))) + payload[4:]
src, dst = socket.inet_aton('10.0.1.2'), socket.inet_aton('10.0.2.2')
hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + 72, 0x1234, 0x2000, 64, 1, 0, src, dst)  # MF, offset 0: 72 bytes of 144
hdr = hdr[:10] + struct.pack('!H', csum(hdr)) + hdr[12:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.sendto(hdr + payload, ('10.0.2.2', 0))
PY
sleep 6
cleanup
