"""A host on the client LAN that relays traffic it was never meant to carry, as an ARP-spoofing man in the middle
or a misconfigured bridge does: the victims' neighbour entries point at this host's MAC (the generator sets them
statically, which is what a spoofed ARP reply achieves), and this host sends every IPv4 frame it receives for
another IP on to the real owner's MAC, unchanged except for the MAC addresses (same IP ID, same TTL), HOLD ms
later, so on a mirror of the LAN every packet appears twice and the copies are not adjacent.

relay.py IFACE OWN_MAC '{"10.99.1.2": "02:..", ...}' DEFAULT_MAC HOLD_MS
(IPv4 destination -> real MAC; any other destination goes to DEFAULT_MAC, the gateway)
"""
import heapq
import json
import os
import select
import signal
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from l2delay import ETH_P_ALL, PACKET_OUTGOING, fix_tcp_checksum, open_if  # noqa: E402


def mac_bytes(mac):
    return bytes(int(x, 16) for x in mac.split(":"))


def main():
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *a: sys.exit(0))
    iface, own = sys.argv[1], mac_bytes(sys.argv[2])
    owners = {socket.inet_aton(ip): mac_bytes(mac) for ip, mac in json.loads(sys.argv[3]).items()}
    gateway, hold = mac_bytes(sys.argv[4]), float(sys.argv[5]) / 1000.0
    s = open_if(iface)
    queue, seq = [], 0
    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else 1.0
        ready, _, _ = select.select([s], [], [], timeout)
        if ready:
            frame, addr = s.recvfrom(65535)
            if addr[2] != PACKET_OUTGOING and frame[0:6] == own and frame[12:14] == b"\x08\x00":
                dst = owners.get(frame[30:34], gateway)
                seq += 1
                heapq.heappush(queue, (time.monotonic() + hold, seq, dst + own + fix_tcp_checksum(frame)[12:]))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            s.send(heapq.heappop(queue)[2])


if __name__ == "__main__":
    main()
