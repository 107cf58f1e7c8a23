#!/usr/bin/env python3
"""Writes event-blocks.pcapng: a TCP connection to a printer (port 9100) whose packets are interleaved with
every pcapng block type that is not a packet: systemd journal export, sysdig events (v1 and v2), custom
blocks (copyable and not), name resolution, interface statistics, decryption secrets, and an unknown type.
Wireshark numbers some of them as frames; the oracle (tshark 4.0.17) says which."""
import struct, sys

def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)

def shb():
    return block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))

def idb(linktype):
    return block(1, struct.pack("<HHI", linktype, 0, 0))

def csum(data):
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data + b"\0" * (len(data) % 2)))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def tcp_frame(src, dst, sport, dport, seq, ack, flags, payload=b""):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002" "020000000001") + struct.pack("!H", 0x0800)
    return eth + ip + tcp

def epb(t_us, frame):
    return block(6, struct.pack("<IIIII", 0, t_us >> 32, t_us & 0xFFFFFFFF, len(frame), len(frame)) + frame)

client, printer = [10, 0, 0, 1], [10, 0, 0, 2]
T = 1_700_000_000_000_000
c2p = lambda *a, **k: tcp_frame(client, printer, 50000, 9100, *a, **k)
p2c = lambda *a, **k: tcp_frame(printer, client, 9100, 50000, *a, **k)
SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01

out = shb() + idb(1)
out += epb(T, c2p(1000, 0, SYN))
out += block(9, b"__REALTIME_TIMESTAMP=1700000000000100\nMESSAGE=printer spooler started\n")
out += epb(T + 200, p2c(5000, 1001, SYN | ACK))
out += block(0x204, struct.pack("<HQQIH", 0, (T + 300) * 1000, 42, 26, 0) + b"\0\0")
out += epb(T + 400, c2p(1001, 5001, ACK))
out += block(0x216, struct.pack("<HQQIHI", 1, (T + 500) * 1000, 42, 30, 0, 0) + b"\0\0")
out += block(0xBAD, struct.pack("<I", 32473) + b"a copyable custom block")
out += epb(T + 600, c2p(1001, 5001, PSH | ACK, b"\x1b%-12345X@PJL JOB\r\n"))
out += block(0x40000BAD, struct.pack("<I", 32473) + b"a custom block not to copy")
out += block(4, struct.pack("<HH", 0, 0))                              # name resolution: end of records
out += block(5, struct.pack("<III", 0, (T + 700) >> 32, (T + 700) & 0xFFFFFFFF))   # interface statistics
out += block(0x0A, struct.pack("<II", 0x544c534b, 4) + b"abcd")       # decryption secrets (TLS key log)
out += block(0x7777, b"unknown")
out += epb(T + 800, p2c(5001, 1020, ACK))
out += epb(T + 900, c2p(1020, 5001, FIN | ACK))
out += epb(T + 1000, p2c(5001, 1021, FIN | ACK))
out += epb(T + 1100, c2p(1021, 5002, ACK))
open(sys.argv[1], "wb").write(out)
