#!/usr/bin/env python3
"""Writes the wireless captures: wlan-bare.pcap (LINKTYPE_IEEE802_11, 105), wlan-radiotap.pcap (127),
wlan-ppi.pcap (192), wlan-prism.pcap (119), wlan-avs.pcap (163), wlan-pktap.pcap (Apple PKTAP, 258) and
wlan-pktap149.pcap (the same frames under 149, macOS's number for PKTAP), and mutated-wireless.pcapng (their
frames mutated, seeded).
Each holds a printer connection (port 9100: SYN, SYN-ACK, ACK, data, FIN) in the frame shapes a monitor-mode
capture produces, mixed with the frames that carry no packet (management, control, null data, protected,
fragments) and damaged headers. tshark 4.0.17 says which frames hold TCP; the oracle's rows are beside each file.
Usage: make-wireless.py DIRECTORY"""
import os, random, struct, sys

def csum(data):
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data + b"\0" * (len(data) % 2)))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def ip_tcp(src, dst, sport, dport, seq, ack, flags, payload=b"", total=None):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + payload
    n = 20 + len(tcp) if total is None else total
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, n, 1, 0, 64, 6, 0, bytes(src), bytes(dst))
    return ip[:10] + struct.pack("!H", csum(ip)) + ip[12:] + tcp

SNAP_IP = bytes.fromhex("AAAA03000000") + b"\x08\x00"
AP, STA, PRN = bytes.fromhex("020000000001"), bytes.fromhex("020000000002"), bytes.fromhex("020000000003")

def wlan(ftype, subtype, flags=0, body=b"", qos=None, htc=None, addr4=None, version=0, seqctl=0x0010):
    fc = struct.pack("<BB", (subtype << 4) | (ftype << 2) | version, flags)
    h = fc + struct.pack("<H", 44) + AP + STA + PRN + struct.pack("<H", seqctl)
    if addr4 is not None:
        h += addr4
    if qos is not None:
        h += struct.pack("<H", qos)
    if htc is not None:
        h += struct.pack("<I", htc)
    return h + body

TODS, FROMDS, MOREFRAG, PROTECTED, ORDER = 0x01, 0x02, 0x04, 0x40, 0x80
DATA, QOS_DATA, NULL, QOS_NULL = 0, 8, 4, 12
SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01
client, printer = [10, 0, 0, 1], [10, 0, 0, 2]
c2p = lambda *a, **k: SNAP_IP + ip_tcp(client, printer, 50000, 9100, *a, **k)
p2c = lambda *a, **k: SNAP_IP + ip_tcp(printer, client, 9100, 50000, *a, **k)
other = lambda port, **k: SNAP_IP + ip_tcp([10, 0, 0, 5], [10, 0, 0, 6], port, 80, 7, 0, SYN, **k)
JOB = b"\x1b%-12345X@PJL JOB\r\n"
FCS = b"\xde\xad\xbe\xef"

def connection(wrap):
    """The printer connection, each frame wrapped by the link type's header."""
    return [wrap(wlan(2, DATA, TODS, c2p(1000, 0, SYN))),
            wrap(wlan(2, QOS_DATA, FROMDS, p2c(5000, 1001, SYN | ACK), qos=0x0005)),
            wrap(wlan(2, QOS_DATA, TODS | ORDER, c2p(1001, 5001, ACK), qos=0x0000, htc=0x12345678)),
            wrap(wlan(2, DATA, TODS | FROMDS, c2p(1001, 5001, PSH | ACK, JOB), addr4=STA)),
            wrap(wlan(2, QOS_DATA, TODS | FROMDS, p2c(5001, 1001 + len(JOB), ACK), addr4=STA, qos=0x0000)),
            wrap(wlan(2, QOS_DATA, TODS | FROMDS | ORDER, c2p(1001 + len(JOB), 5001, FIN | ACK), addr4=STA,
                      qos=0x0006, htc=0)),
            wrap(wlan(2, DATA, FROMDS, p2c(5001, 1002 + len(JOB), FIN | ACK))),
            wrap(wlan(2, DATA, TODS, c2p(1002 + len(JOB), 5002, ACK)))]

def amsdu_subframe(da, sa, llc, last=False):
    sub = da + sa + struct.pack("!H", len(llc)) + llc
    return sub if last else sub + b"\0" * (-len(sub) % 4)

def eth_in_wlan(da, sa, port, **k):
    return da + sa + b"\x08\x00" + other(port, **k)[8:]

MESH = b"\x00\x01\x00\x00\x00\x00"   # mesh control: flags (no address extension), TTL, sequence number

def wlan_cases(port):
    """802.11 frames beside the connection, each a different case; those carrying TCP belong to other
    connections (source port `port`+n)."""
    o = lambda n, **k: other(port + n, **k)
    sub = amsdu_subframe
    f = [
        wlan(2, NULL, TODS, o(0)),                                    # null data: no body, whatever follows
        wlan(2, QOS_NULL, TODS, o(1), qos=0),                         # QoS null
        wlan(2, 5, TODS, o(2)),                                       # CF-Ack (no data)
        wlan(2, 1, TODS, o(3)),                                       # Data + CF-Ack
        wlan(2, 9, TODS, o(4), qos=0),                                # QoS Data + CF-Ack
        wlan(2, 14, TODS, o(5), qos=0),                               # QoS CF-Poll (no data)
        wlan(2, DATA, TODS | PROTECTED, o(6)),                        # protected: encrypted body
        wlan(2, QOS_DATA, TODS | PROTECTED, bytes(8) + o(7), qos=0),  # CCMP header + body
        wlan(0, 8, 0, bytes(12) + o(8)),                              # beacon
        wlan(0, 13, 0, o(9)),                                         # action frame
        wlan(1, 13, 0, b"")[:10] + o(10),                             # control: ACK (10-byte header)
        wlan(1, 8, TODS, o(11)),                                      # control: block ack request
        wlan(3, 0, TODS, o(12)),                                      # extension type
        wlan(2, DATA, TODS, o(13))[:20],                              # header cut short
        wlan(2, DATA, TODS | FROMDS, o(14))[:26],                     # 4-address header cut in address 4
        wlan(2, QOS_DATA, TODS, o(15), qos=0)[:25],                   # cut inside QoS control
        wlan(2, QOS_DATA, TODS | ORDER, o(16), qos=0, htc=0)[:28],    # cut inside HT control
        wlan(2, DATA, TODS, bytes.fromhex("424203") + o(17)),         # STP LLC, not SNAP
        wlan(2, DATA, TODS, bytes.fromhex("AAAA03000F") + o(18)[5:]), # SNAP with another OUI
        wlan(2, DATA, TODS, b"\0\0" + o(19)),                         # 2 zero bytes before SNAP (OLPC)
        wlan(2, DATA, TODS, b"\0\0\x42\x42\x03" + o(20)),             # 2 zero bytes before STP
        wlan(2, DATA, TODS, b"\xff\xff" + o(21)),                     # IPX
        wlan(2, DATA, TODS, b"\xAA\x00\x03\0\0\0\x08\x00" + o(22)[8:]),   # AA 00: not SNAP
        # a body starting with an EtherType tshark knows is read as that EtherType, without LLC
        wlan(2, DATA, TODS, o(82)[6:]), wlan(2, DATA, TODS | FROMDS, o(83)[6:], addr4=STA),
        wlan(2, DATA, TODS, b"\x81\x00\x00\x05" + o(84)[6:]), wlan(2, DATA, TODS, b"\x88\xa8\x00\x05" + o(85)[6:]),
        wlan(2, DATA, TODS, b"\x91\x00\x00\x05" + o(86)[6:]), wlan(2, DATA, TODS, b"\x88\x47\x00\x01\x01\x40" + o(87)[8:]),
        wlan(2, DATA, TODS, b"\x88\x48\x00\x01\x01\x40" + o(88)[8:]),
        wlan(2, DATA, TODS, b"\x88\x64\x11\x00\x00\x01\x00\x2a\x00\x21" + o(89)[8:]),
        wlan(2, DATA, TODS, b"\x89\x09\x01\x01\x00\x01\x00\x00" + o(90)[6:]),
        wlan(2, DATA, TODS, b"\x65\x58" + eth_in_wlan(PRN, STA, port + 91)),
        wlan(2, DATA, TODS, b"\x88\x0b\xff\x03\x00\x21" + o(92)[8:]),    # PPP: not followed by tshark
        wlan(2, DATA, TODS, b"\x12\x34" + o(93)[8:]), wlan(2, DATA, TODS, b"\x06\x00" + o(94)[8:]),
        wlan(2, DATA, TODS, b"\x86\xdd" + bytes.fromhex("6000000000140640") + bytes(15) + b"\x01" + bytes(15) + b"\x02"
             + o(95)[28:]),
        wlan(2, DATA, TODS, o(96)[6:18]),                              # bare EtherType, IP header cut
    ] + [
        # IPv6 sources that tshark prints with a dotted IPv4 tail, or not
        wlan(2, DATA, TODS, b"\x86\xdd" + bytes.fromhex("6000000000140640" + a) + bytes(15) + b"\x02" + o(97)[28:])
        for a in ["00000000000000000000ffff0a000001", "00000000000000000000000001020304", "000000000000000000000000000000ff",
                  "000000000000000000000000ffff0000", "0000000000000000ffff000000000001", "00000000000000000000ffff00000000",
                  "00000000000000000001000000000001", "0000000000000000000000000000ffff", "00010000000000000000ffff0a000001"]
    ] + [
        wlan(2, DATA, TODS, eth_in_wlan(PRN, STA, port + 23)),        # Ethernet frame: DA (address 3) first
        wlan(2, DATA, TODS, eth_in_wlan(AP, STA, port + 24)),         # Ethernet frame: SA (address 2) at 6
        wlan(2, DATA, TODS, eth_in_wlan(STA, AP, port + 25)),         # addresses in the wrong places
        wlan(2, DATA, FROMDS, eth_in_wlan(AP, STA, port + 26)),       # from DS: DA is address 1
        wlan(2, DATA, FROMDS, eth_in_wlan(PRN, PRN, port + 27)),      # from DS: SA is address 3
        wlan(2, DATA, 0, eth_in_wlan(AP, PRN, port + 28)),            # no DS bits: DA is address 1
        wlan(2, DATA, TODS | FROMDS, eth_in_wlan(PRN, STA, port + 29), addr4=AP),   # 4 addresses: DA address 3
        wlan(2, DATA, TODS | FROMDS, eth_in_wlan(AP, AP, port + 30), addr4=AP),     # 4 addresses: SA address 4
        wlan(2, DATA, TODS, eth_in_wlan(PRN, STA, port + 31))[:24 + 10],  # Ethernet frame cut short
        wlan(2, DATA, TODS | MOREFRAG, o(32), seqctl=0x0030),         # first fragment of an MSDU
        wlan(2, DATA, TODS, o(33), seqctl=0x0041),                    # a later fragment, alone
        wlan(2, DATA, TODS | MOREFRAG, o(34), seqctl=0x0051),         # a middle fragment, alone
        wlan(2, DATA, TODS, o(35), version=1),                        # protocol version 1
        wlan(2, DATA, TODS | ORDER, o(36)),                           # Order bit on non-QoS data: no HT control
        wlan(2, QOS_DATA, TODS | ORDER, o(37), qos=0, htc=0),         # QoS + HT control
        wlan(2, QOS_DATA, TODS, o(38, total=1000), qos=0),            # IP length beyond the frame
        wlan(2, QOS_DATA, TODS, o(39, total=0, payload=b"0123456789"), qos=0),   # IP length 0 (TSO)
        wlan(2, DATA, TODS | 0x08, o(40)), wlan(2, DATA, TODS | 0x08, o(40)),     # retry, same sequence number
        # mesh control: tshark looks for one in from-DS and 4-address frames: valid mesh flags, then AA AA
        wlan(2, QOS_DATA, TODS | FROMDS, MESH + o(41), qos=0x0100, addr4=STA),
        wlan(2, QOS_DATA, TODS | FROMDS, o(42), qos=0x0100, addr4=STA),             # flags byte AA: no mesh
        wlan(2, QOS_DATA, TODS | FROMDS, b"\x01\x01\0\0\0\0" + bytes(6) + o(43), qos=0x0100, addr4=STA),
        wlan(2, QOS_DATA, TODS | FROMDS, b"\x02\x01\0\0\0\0" + bytes(12) + o(44), qos=0x0100, addr4=STA),
        wlan(2, QOS_DATA, TODS | FROMDS, b"\x03\x01\0\0\0\0" + bytes(18) + o(45), qos=0x0100, addr4=STA),
        wlan(2, QOS_DATA, TODS | FROMDS, b"\x04\x01\0\0\0\0" + o(46), qos=0x0100, addr4=STA),
        wlan(2, QOS_DATA, FROMDS, MESH + o(47), qos=0x0100),
        wlan(2, QOS_DATA, FROMDS, o(48), qos=0x0100),
        wlan(2, QOS_DATA, TODS, MESH + o(49), qos=0x0100),            # to DS only: never mesh
        wlan(2, QOS_DATA, 0, MESH + o(50), qos=0x0100),
        wlan(2, DATA, TODS | FROMDS, MESH + o(51), addr4=STA),        # no QoS control, no mesh bit
        wlan(2, QOS_DATA, TODS | FROMDS, MESH, qos=0x0100, addr4=STA),   # mesh control, nothing after
        wlan(2, DATA, FROMDS, b"\0" * 6 + o(75)),                    # TTL 0
        wlan(2, DATA, FROMDS, MESH + eth_in_wlan(AP, STA, port + 76)),   # Ethernet after mesh control
        wlan(2, DATA, FROMDS, MESH + b"\x42\x42\x03" + o(77)),         # STP after mesh control
        wlan(2, DATA, FROMDS, MESH + b"\0\0" + o(78)),                  # OLPC zeros after mesh control
        wlan(2, DATA, FROMDS, b"\0\0" + o(79)),                         # OLPC zeros, not mesh
        wlan(2, DATA, FROMDS, b"\0" * 8 + o(80)),
        wlan(2, DATA, FROMDS, eth_in_wlan(AP, STA, port + 81)),          # DA starts 02: mesh-like flags
        # A-MSDU (QoS control bit 7): subframes DA, SA, length, LLC, padded to 4 bytes
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, o(52)) + sub(PRN, STA, o(52), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, b"\xAA\xAA\x03\0\0\0\x08\x06" + bytes(28))
             + sub(PRN, STA, o(53), last=True)),                      # ARP, then TCP
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, o(54)) + sub(PRN, STA, o(55), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, o(56))[:20]),   # subframe cut
        wlan(2, QOS_DATA, TODS, o(57), qos=0x0080),                   # A-MSDU bit over a plain SNAP body
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=PRN + STA + b"\x07\xd0" + o(58, total=0)),   # length beyond
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=PRN + STA + b"\x00\x30" + o(59, total=0) + b"xyz"),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=PRN + STA + b"\x00\x28" + o(60, total=0)),   # length short
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=PRN + STA + b"\x00\x40" + o(61, total=0)),   # length long
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, bytes(10)) + sub(PRN, STA, o(62), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, b"") + sub(PRN, STA, o(63), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, b"\xAA") + sub(PRN, STA, o(64), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, b"\x42\x42") + sub(PRN, STA, o(65), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, b"\x42\x42\x00") + sub(PRN, STA, o(66), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, b"\x42\x42\x03") + sub(PRN, STA, o(67), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, b"\xAA\xAA\x03\0\0") + sub(PRN, STA, o(68), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=sub(PRN, STA, SNAP_IP + b"\x45\x00") + sub(PRN, STA, o(69), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=PRN + STA + b"\x00\x00"),              # 14 bytes only
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=PRN + STA + b"\x00\x10" + o(70)[:16]
             + sub(PRN, STA, o(71), last=True)),                      # next subframe not where padding says
        wlan(2, QOS_DATA, TODS | FROMDS, qos=0x0180, addr4=STA, body=MESH + sub(PRN, STA, o(72), last=True)),
        wlan(2, QOS_DATA, TODS | FROMDS, qos=0x0180, addr4=STA, body=sub(PRN, STA, o(73), last=True)),
        wlan(2, QOS_DATA, TODS, qos=0x0080, body=b"".join(sub(PRN, STA, b"\x42\x42\x03") for _ in range(40))
             + sub(PRN, STA, o(74), last=True)),                      # 40 subframes before the TCP one
    ]
    NOT_MUTATED.update(x for x in f if amsdu_subframes(x) > 1)
    return f

# A-MSDUs of several subframes stay out of the mutated capture: when a mutation turns an earlier subframe into
# LLC that one of Wireshark's dissectors rejects with an exception, tshark stops before the TCP subframe and the
# decoder does not (a documented limit, not a finding).
NOT_MUTATED = set()

def amsdu_subframes(frame):
    """How many subframes an 802.11 QoS data frame with the A-MSDU bit holds (0 for any other frame)."""
    if len(frame) < 26 or frame[0] & 0x0C != 0x08 or frame[0] & 0x80 == 0:
        return 0
    header = 30 if frame[1] & 3 == 3 else 24
    if len(frame) < header + 2 or frame[header] & 0x80 == 0:
        return 0
    body = header + (6 if frame[1] & 0x80 else 2)
    q, n = body, 0
    while len(frame) - q >= 14:
        n += 1
        q = body + ((q - body + 14 + struct.unpack("!H", frame[q + 12:q + 14])[0] + 3) & ~3)
        if len(frame) - q <= 14:
            break
    return n

def prism(frame, msglen=144, le=True, code=0x44):
    e = "<" if le else ">"
    items = b"".join(struct.pack(e + "IHHI", (i << 12) | 0x41, 0, 4, 0) for i in range(1, 11))
    return struct.pack(e + "II", code, msglen) + b"wlan0".ljust(16, b"\0") + items + frame

def avs(frame, length=64, magic=0x80211001):
    return struct.pack(">II", magic, length) + bytes(max(0, length - 8)) + frame

def pktap(frame, dlt=1, length=108, rtype=1):
    return struct.pack("<III", length, rtype, dlt) + b"en0".ljust(24, b"\0") + bytes(length - 12 - 24) + frame

def ppi_field(ftype, data):
    return struct.pack("<HH", ftype, len(data)) + data

def ppi_raw(flags, total, dlt, fields, frame):
    return struct.pack("<BBHI", 0, flags, total, dlt) + fields + frame

def ppi_n_mac(flags):
    return ppi_field(3, struct.pack("<IIB3s", flags, 7, 0, b"\0\0\0"))

def data_frame(port, **k):
    return wlan(2, DATA, TODS, other(port, **k))

# ---- file writers ----
def pcap(path, linktype, frames):
    """frames: bytes, or (bytes, original length)"""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    for i, fr in enumerate(frames):
        data, orig = (fr, len(fr)) if isinstance(fr, bytes) else fr
        out += struct.pack("<IIII", 1700000000, 1000 * i, len(data), orig) + data   # 1 ms apart
    open(path, "wb").write(out)

def radiotap(frame, present=0, fields=b"", length=None):
    n = 8 + len(fields) if length is None else length
    return struct.pack("<BBHI", 0, 0, n, present) + fields + frame

def rt_flags(frame, flags):
    """radiotap with TSFT (8 bytes, aligned) and Flags"""
    return radiotap(frame, 0x3, struct.pack("<QB", 0, flags) + b"\0")

def ppi(frame, dlt=105, fields=b"", length=None):
    n = 8 + len(fields) if length is None else length
    return struct.pack("<BBHI", 0, 0, n, dlt) + fields + frame

def ppi_common(flags):
    return struct.pack("<HH", 2, 20) + struct.pack("<QHHHHBBbb", 0, flags, 2, 2412, 0xA0, 0, 0, -40, -90)

def pcapng(path, linktypes, frames):
    """frames: (interface, bytes, original length)"""
    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", btype, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    for lt in linktypes:
        out += block(1, struct.pack("<HHI", lt, 0, 0))
    for i, (iface, data, orig) in enumerate(frames):
        t = 1_700_000_000_000_000 + 1000 * i
        out += block(6, struct.pack("<IIIII", iface, t >> 32, t & 0xFFFFFFFF, len(data), orig) + data)
    open(path, "wb").write(out)

def is_ampdu_piece(linktype, frame):
    """PPI with an 802.11n MAC field flagged aggregate: tshark reassembles A-MPDUs, the decoder does not (a
    documented limit), so a later piece of the same A-MPDU would differ on purpose."""
    return linktype == 192 and frame[8:10] == b"\x03\x00" and frame[12] & 0x10 != 0

def mutated(files, seed=80211, count=600):
    """Valid frames of every wireless link type with bytes overwritten (mostly in the headers), cut short and
    given lying original lengths."""
    rnd = random.Random(seed)
    linktypes = [lt for lt, _ in files]
    frames = []
    for _ in range(count):
        iface = rnd.randrange(len(files))
        base = bytearray(rnd.choice([f for f in files[iface][1] if not is_ampdu_piece(files[iface][0], f)
                                     and not any(x in f for x in NOT_MUTATED)]))
        for _ in range(rnd.randint(0, 3)):
            if base:
                base[rnd.randrange(min(len(base), 200))] = rnd.choice([0, 1, 2, 3, 0x10, 0x20, 0x30, 0x40, 0x80, 0xAA, 0xFF,
                                                                    rnd.randrange(256)])
        if rnd.random() < 0.3:
            base = base[:rnd.randrange(len(base) + 1)]
        orig = len(base) + (rnd.randrange(3000) if rnd.random() < 0.3 else 0)
        frames.append((iface, bytes(base), orig))
    return linktypes, frames

def captures():
    """[(file name, link type, frames)] of the wlan-*.pcap files"""
    out = []
    bare = connection(lambda f: f)
    bare[3:3] = wlan_cases(6000)
    out.append(("wlan-bare.pcap", 105, bare))

    rt = connection(lambda f: radiotap(f))
    rt[1] = rt_flags(wlan(2, QOS_DATA, FROMDS, p2c(5000, 1001, SYN | ACK), qos=5), 0x10) + FCS
    rt[2] = rt_flags(wlan(2, DATA, TODS, c2p(1001, 5001, ACK)), 0x02)
    q = wlan(2, QOS_DATA, FROMDS, p2c(5001, 1001 + len(JOB), ACK), qos=0)
    rt[4] = rt_flags(q[:26] + b"\0\0" + q[26:], 0x20)               # data pad: QoS header padded to 28
    q = wlan(2, QOS_DATA, TODS, other(7100), qos=0)
    cases = [radiotap(f) for f in wlan_cases(7000)[:20]]
    cases += [
        rt_flags(q, 0x20),                                             # data pad flag, but no padding
        rt_flags(q[:26] + b"\0\0" + q[26:], 0x30) + FCS,               # data pad and FCS
        rt_flags(data_frame(7101, payload=b"abcdef"), 0x10) + FCS,     # FCS
        rt_flags(data_frame(7102, total=1000, payload=b"abcdef"), 0x10) + FCS,   # FCS, IP length beyond
        rt_flags(data_frame(7103, total=0, payload=b"abcdef"), 0x10) + FCS,      # FCS, IP length 0 (TSO)
        rt_flags(data_frame(7104, total=0, payload=b"abcdef"), 0x00),            # no FCS, IP length 0
        (rt_flags(data_frame(7105), 0x10), 200),                       # FCS flag, frame cut (snaplen)
        (rt_flags(data_frame(7106, total=0), 0x10), 200),              # FCS flag, cut, IP length 0
        rt_flags(data_frame(7107, total=0), 0x50) + FCS,               # FCS flagged bad
        rt_flags(data_frame(7108), 0x10)[:8 + 10 + 24 + 8 + 16],       # FCS flag, cut in TCP
        rt_flags(data_frame(7109, total=0), 0x10) + FCS[:2],           # FCS flag, FCS cut short
        radiotap(data_frame(7110), length=2000),                       # radiotap length beyond the frame
        radiotap(data_frame(7111), length=4),                          # radiotap length below its header
        radiotap(data_frame(7112, total=0) + FCS, 0x80000002, struct.pack("<IB", 0, 0x10) + b"\0\0\0"),  # 2 words
        radiotap(data_frame(7113, total=0) + FCS, 0x80000003, struct.pack("<I", 0) + bytes(4)
                 + struct.pack("<QB", 0, 0x10) + b"\0"),               # 2 words, TSFT aligned to 8
        radiotap(data_frame(7114, total=0) + FCS, 0x80000003, struct.pack("<I", 0)
                 + struct.pack("<QB", 0, 0x10) + b"\0"),               # TSFT not aligned (misread)
        radiotap(data_frame(7115, total=0) + FCS, 0x2, b"\x10"),       # flags only
        radiotap(data_frame(7116, total=0) + FCS, 0x1, struct.pack("<Q", 0x10)),   # TSFT only
        radiotap(data_frame(7117), 0x2),                               # flags announced, not there
        radiotap(data_frame(7122, total=0) + FCS, 0x80000002),         # another bitmap announced, no room
        b"\x01" + radiotap(data_frame(7118))[1:],                      # radiotap version 1
        b"\x30" + rt_flags(data_frame(7123, total=0), 0x10)[1:] + FCS,  # version 0x30: flags not read
        radiotap(b"", 0x2, b"\x10"),                                   # nothing after radiotap
        rt_flags(data_frame(7119)[:20], 0x10),                         # FCS flag, 802.11 header cut
        rt_flags(wlan(2, DATA, TODS, other(7124, total=0, payload=b"abcdef"), seqctl=0x41), 0x10) + FCS,  # a later
        (rt_flags(wlan(2, DATA, TODS, other(7125, total=0, payload=b"abcdef"), seqctl=0x51), 0x10) + FCS, 300),  # fragment
        rt_flags(wlan(2, QOS_DATA, TODS, other(7126, total=0, payload=b"abcdef"), seqctl=0x81, qos=0), 0x10) + FCS,
        rt_flags(wlan(2, DATA, TODS, other(7127), seqctl=0x93)[:26], 0x10) + FCS,   # body shorter than the FCS
        rt_flags(wlan(2, QOS_DATA, TODS, qos=0x0080, body=PRN + STA + b"\x07\xd0" + other(7120, total=0)), 0x10)
        + FCS,                                                         # A-MSDU length beyond, FCS
        radiotap(wlan(2, QOS_DATA, TODS | ORDER, other(7121), qos=0, htc=0), 0x0E,
                 struct.pack("<BBHH", 0, 2, 2412, 0x00A0)),            # legacy rate and channel, QoS + HT
        b"\x00",                                                       # one byte
    ]
    rt[3:3] = cases
    out.append(("wlan-radiotap.pcap", 127, rt))

    c = lambda flags: ppi_common(flags)
    pp = connection(lambda f: ppi(f))
    pp[1] = ppi(wlan(2, QOS_DATA, FROMDS, p2c(5000, 1001, SYN | ACK), qos=5) + FCS, fields=c(1))
    pp[3:3] = [
        ppi(data_frame(8000), fields=c(0)),
        ppi_raw(0, 8 + 24, 105, c(1), data_frame(8001, total=0) + FCS),   # FCS present, TSO
        ppi_raw(0, 8 + 24, 105, c(0), data_frame(8002, total=0) + FCS),   # no FCS flag
        ppi_raw(0, 8 + 24, 105, c(4 | 1), data_frame(8003, total=0) + FCS),   # FCS present, flagged invalid
        ppi_raw(0, 8 + 28, 105, ppi_field(2, c(1)[4:] + b"abcd"), data_frame(8004, total=0) + FCS),  # long field
        ppi_raw(0, 8 + 48, 105, c(1) + c(0), data_frame(8005, total=0) + FCS),    # two common fields
        ppi(data_frame(8006), length=3000),                            # length beyond the frame
        ppi(data_frame(8007), length=6),                               # length below the header
        ppi_raw(0, 8 + 10, 105, c(0), data_frame(8008)),               # length ends inside a field
        ppi_raw(0, 8 + 9 + 24, 105, ppi_field(99, b"abcde") + c(0), data_frame(8009)),   # odd field, no alignment
        ppi_raw(1, 8 + 9 + 24, 105, ppi_field(99, b"abcde") + b"\0\0\0" + c(0), data_frame(8010)),   # aligned
        ppi_raw(1, 8 + 12 + 24, 105, ppi_field(99, b"abcde") + b"\0\0\0" + c(0), data_frame(8011)),  # padding counted
        ppi_raw(0, 8 + 4, 105, ppi_field(2, b""), data_frame(8012)),   # empty common field
        ppi_raw(0, 8 + 16, 105, ppi_n_mac(0), data_frame(8013)),       # 802.11n MAC, not aggregated
        ppi_raw(0, 8 + 16, 105, ppi_n_mac(0x10), data_frame(8014)),    # A-MPDU, last piece, alone
        ppi_raw(0, 8 + 16, 105, ppi_n_mac(0x30), data_frame(8015)),    # A-MPDU, more to come
        ppi_raw(0, 8 + 16, 1, ppi_n_mac(0), data_frame(8016)),         # 802.11n MAC, DLT Ethernet
        ppi_raw(0, 8 + 24, 1, c(0), eth_in_wlan(PRN, STA, 8017, total=0) + FCS),   # Ethernet
        ppi(other(8018)[8:], dlt=101),                                 # raw IP
        ppi(radiotap(data_frame(8019)), dlt=127),                      # radiotap inside PPI
        ppi(data_frame(8020), dlt=999),                                # unknown DLT
        ppi(ppi(data_frame(8021)), dlt=192),                           # PPI inside PPI
        b"\x01" + ppi(data_frame(8022))[1:],                           # version 1
        ppi_raw(0, 8 + 24, 105, c(1), data_frame(8023))[:60],          # cut
    ]
    out.append(("wlan-ppi.pcap", 192, pp))

    pr = connection(lambda f: prism(f))
    pr[3:3] = [
        prism(data_frame(9000, total=0)), prism(data_frame(9001), msglen=200), prism(data_frame(9002), msglen=100),
        prism(data_frame(9003), le=False), prism(data_frame(9004), code=0x41),
        prism(data_frame(9005, total=0) + FCS),                        # no FCS is assumed
        prism(data_frame(9013), code=0x45), prism(data_frame(9014), code=0x44000003, le=False),   # not Prism codes
        prism(data_frame(9015), code=0x41, le=False), prism(wlan(2, 0, 0, bytes(4)), code=0x0802),  # frame from byte 0
        prism(data_frame(9006))[:100],                                 # header cut
        avs(data_frame(9007)), avs(data_frame(9008, total=0) + FCS),   # AVS headers under the Prism link type
        avs(data_frame(9009), length=80), avs(data_frame(9010), length=2000), avs(data_frame(9011), magic=0x80211002),
        avs(data_frame(9012), magic=0x80211000),
    ]
    out.append(("wlan-prism.pcap", 119, pr))

    av = connection(lambda f: avs(f))
    av[3:3] = [
        avs(data_frame(9100, total=0) + FCS), avs(data_frame(9101), length=80), avs(data_frame(9102), length=2000),
        avs(data_frame(9103), magic=0x80211002), avs(data_frame(9104), magic=0x12345678),
        avs(data_frame(9105), length=4), avs(data_frame(9106), length=8), avs(data_frame(9107), length=65),
        avs(data_frame(9108))[:60], avs(data_frame(9109), length=3000)[:200],
    ]
    out.append(("wlan-avs.pcap", 163, av))

    # PKTAP: macOS `tcpdump -i pktap` on a Wi-Fi interface hands over Ethernet frames
    eth = lambda port, **k: eth_in_wlan(PRN, STA, port, **k)
    to_eth = lambda f: pktap(PRN + STA + b"\x08\x00" + f[24 + 8:])
    pk = connection(to_eth)
    pk[3:3] = [
        pktap(eth(9200), length=120), pktap(data_frame(9201), dlt=105), pktap(eth(9202), rtype=2),
        pktap(eth(9203), length=40), pktap(eth(9204), length=107), pktap(eth(9205), length=109),
        pktap(eth(9206), length=3000), pktap(eth(9207), length=3000)[:500], pktap(other(9208)[8:], dlt=101),
        pktap(eth(9209, total=0) + FCS), pktap(pktap(eth(9210)), dlt=258), pktap(radiotap(data_frame(9211)), dlt=127),
        pktap(eth(9212), dlt=999), pktap(eth(9213))[:100],
    ]
    out.append(("wlan-pktap.pcap", 258, pk))
    out.append(("wlan-pktap149.pcap", 149, pk))
    return out

def main(d):
    by_linktype = {}
    for name, linktype, frames in captures():
        pcap(os.path.join(d, name), linktype, frames)
        by_linktype.setdefault(linktype, []).extend(f if isinstance(f, bytes) else f[0] for f in frames)
    pcapng(os.path.join(d, "mutated-wireless.pcapng"), *mutated(sorted(by_linktype.items())))

if __name__ == "__main__":
    main(sys.argv[1])
