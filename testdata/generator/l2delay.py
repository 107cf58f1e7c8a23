"""Layer-2 forwarder that holds frames going one way, to the chosen client TCP ports. Needed because this kernel
has no sch_netem.

Between the printer and its switch port it plays a printer with a very slow delayed-ACK timer: pure ACKs the
printer sends to a chosen client port leave DELAY ms late, in order. Any other frame of that connection (SYN-ACK,
FIN, RST, data) goes out at once and supersedes the ACKs still held (it carries a newer cumulative ACK), as a stack
with a slow delayed-ACK timer would do. So the handshake RTT stays that of the LAN.
Between a client and the switch, with "frames": "all", it plays a slow path: every frame to that client port
(SYN-ACK included) is held, in order.

l2delay.py FROM_IF TO_IF '{"40303": 700, "41001": {"ms": [250, 600], "seed": 1}, "41401": {"ms": 600,
"frames": "all"}}'   (client TCP port -> delay in ms, or a range drawn from a seeded generator per frame);
frames arriving on FROM_IF are held, frames arriving on TO_IF pass at once.
"""
import heapq
import json
import random
import select
import signal
import socket
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


class Hold:
    """How long one client port's frames are held: a fixed delay or a seeded draw from a range, per frame."""

    def __init__(self, spec):
        spec = spec if isinstance(spec, dict) else {"ms": spec}
        ms = spec["ms"]
        self.lo, self.hi = (ms, ms) if isinstance(ms, (int, float)) else ms
        self.all_frames = spec.get("frames", "pure-ack") == "all"
        self.rng = random.Random(spec.get("seed", 0))

    def seconds(self):
        return (self.lo if self.lo == self.hi else self.rng.uniform(self.lo, self.hi)) / 1000.0


def open_if(name):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((name, 0))
    return s


def pure_ack(frame):
    et = int.from_bytes(frame[12:14], "big")
    if et == 0x0800 and frame[23] == 6:
        ihl = (frame[14] & 0x0F) * 4
        tcp = 14 + ihl
        payload = int.from_bytes(frame[16:18], "big") - ihl - (frame[tcp + 12] >> 4) * 4
    elif et == 0x86DD and frame[20] == 6:
        tcp = 54
        payload = int.from_bytes(frame[18:20], "big") - (frame[tcp + 12] >> 4) * 4
    else:
        return False
    flags = frame[tcp + 13]
    return payload == 0 and flags & 0x10 and not flags & 0x07  # ACK, no SYN/FIN/RST, no data


def tcp_dport(frame):
    et = int.from_bytes(frame[12:14], "big")
    if et == 0x0800 and frame[23] == 6:
        ihl = (frame[14] & 0x0F) * 4
        return int.from_bytes(frame[14 + ihl + 2:14 + ihl + 4], "big")
    if et == 0x86DD and frame[20] == 6:
        return int.from_bytes(frame[54 + 2:54 + 4], "big")
    return None


def _sum16(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(memoryview(data).cast("H"))  # native order; folded and byte-swapped below
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def fix_tcp_checksum(frame):
    """veth hands over frames with the TCP checksum left to 'hardware' (CHECKSUM_PARTIAL); a frame re-sent
    through a packet socket goes out as is, so the receiver would drop it. Compute the checksum here."""
    et = int.from_bytes(frame[12:14], "big")
    if et == 0x0800 and frame[23] == 6:
        ihl = (frame[14] & 0x0F) * 4
        total = int.from_bytes(frame[16:18], "big")
        start, end = 14 + ihl, 14 + total
        pseudo = frame[26:34] + b"\0\x06" + (end - start).to_bytes(2, "big")
    elif et == 0x86DD and frame[20] == 6:
        start, end = 54, 54 + int.from_bytes(frame[18:20], "big")
        pseudo = frame[22:54] + (end - start).to_bytes(4, "big") + b"\0\0\0\x06"
    else:
        return frame
    f = bytearray(frame)
    f[start + 16:start + 18] = b"\0\0"
    c = _sum16(bytes(pseudo) + bytes(f[start:end]))
    c = ~c & 0xFFFF
    f[start + 16:start + 18] = c.to_bytes(2, sys.byteorder)
    return bytes(f)


def main():
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *a: sys.exit(0))
    inner, outer = sys.argv[1], sys.argv[2]
    holds = {int(k): Hold(v) for k, v in json.loads(sys.argv[3]).items()}
    a, b = open_if(inner), open_if(outer)
    queue = []  # (due, seq, frame, client port) heap of held FROM_IF -> TO_IF frames
    seq = 0
    last_due = {}
    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else 1.0
        ready, _, _ = select.select([a, b], [], [], timeout)
        for s in ready:
            frame, addr = s.recvfrom(65535)
            if addr[2] == PACKET_OUTGOING:
                continue
            frame = fix_tcp_checksum(frame)
            if s is b:
                a.send(frame)
                continue
            port = tcp_dport(frame)
            hold = holds.get(port)
            if hold is None:
                b.send(frame)
                continue
            if not hold.all_frames and not pure_ack(frame):
                if last_due.pop(port, None) is not None:
                    queue = [q for q in queue if q[3] != port]
                    heapq.heapify(queue)
                b.send(frame)
                continue
            due = max(time.monotonic() + hold.seconds(), last_due.get(port, 0.0))  # keep ACK order within the connection
            last_due[port] = due
            seq += 1
            heapq.heappush(queue, (due, seq, frame, port))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, frame, port = heapq.heappop(queue)
            b.send(frame)
            if not any(q[3] == port for q in queue):
                last_due.pop(port, None)


if __name__ == "__main__":
    main()
