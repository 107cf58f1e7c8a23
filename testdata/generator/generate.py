#!/usr/bin/env python3
"""Re-makes testdata/captures/*.pcap and their *.expected.json sidecars (and testdata/printer-stops-acking.pcap).

    sudo python3 testdata/generator/generate.py [--out testdata] [SCENARIO ...]

Every sidecar is written from the scenario definition below (what was injected, where it was captured), never
from the analysis of the capture. After each scenario the generator checks that every client saw the outcome the
scenario intends (e.g. a reset for a seed-failure connection), and fails otherwise.
"""
import argparse
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jobs  # noqa: E402
import lab  # noqa: E402
from lab import CLIENTS, PRINTER_V4, PRINTER_V6, CLOSED_V4, GONE_V4, PY, HERE  # noqa: E402

SEED_RULES = ["missing-ack-after-two-segments", "printer-reset"]


def J(name, user, language, size, seed, pjl_extra=None):
    """pjl_extra: PJL lines (bytes, without line end) put in the job's header after @PJL JOB."""
    job = dict(name=name, user=user, language=language, size=size, seed=seed)
    if pjl_extra:
        job["pjl_extra"] = [line.decode("latin-1") for line in pjl_extra]
    return job


class Conn:
    """One print connection: who, when, what job, what the printer does, and what each vantage must conclude.

    expect: {vantage: (verdict, fault, rules)}; vantage "middle" defaults to "client" (the mirror sits on the
    client side of the router, where the injected network faults happen).
    """

    def __init__(self, cli, sport, dst, dport, at, job, expect, cause="none", proto="raw", printer=None,
                 client_outcome="ok", abort_after=None, pattern=None, note=None, pace=None, timeout=40,
                 urgent_after=None, nat=None):
        self.cli, self.sport, self.dst, self.dport, self.at, self.job = cli, sport, dst, dport, at, job
        self.expect, self.cause, self.proto, self.printer = expect, cause, proto, printer or {}
        self.client_outcome, self.abort_after, self.pattern, self.note = client_outcome, abort_after, pattern, note
        self.pace, self.timeout, self.urgent_after = pace, timeout, urgent_after
        self.nat = nat  # (address, port) the router's source NAT makes of the client's endpoint, or None

    def client_ep(self, vantage):
        """The client's endpoint as a capture at this vantage sees it: past the router, the NAT's."""
        if self.nat and PATH.index(vantage) > PATH.index("router"):
            return ep(*self.nat)
        return ep(self.src(), self.sport)

    def src(self):
        c = CLIENTS[self.cli]
        return c["v6"] if ":" in self.dst else c["v4"]

    def expectation(self, vantage):
        e = self.expect.get(vantage) or self.expect.get("client" if vantage == "middle" else "server")
        return e


def ok(rules_c=(), rules_s=()):
    return {"client": ("ok", "none", list(rules_c)), "server": ("ok", "none", list(rules_s))}


def ep(addr, port):
    return ("[%s]:%d" if ":" in addr else "%s:%d") % (addr, port)


class Scan:
    """An nmap run from a lab client (not a print job). Its connections to printer ports (the ones a printer
    analyzer looks at) go into the sidecar as probes, with the scanning source; source ports are fixed (nmap -g
    for -sS, a one-port ephemeral range for -sT), so each probe is one known connection."""

    def __init__(self, cli, at, kind, sport, hosts, ports):
        self.cli, self.at, self.kind, self.sport, self.hosts, self.ports = cli, at, kind, sport, hosts, ports

    def argv(self):
        fixed = ["-g", str(self.sport)] if self.kind == "-sS" else []
        return (["nmap", self.kind, "-Pn", "-n", "--send-ip", "-T4", "--max-retries", "0", "--host-timeout", "20s",
                 "-p", ",".join(str(p) for p in self.ports)] + fixed + self.hosts)

    def command(self):
        return " ".join(self.argv())

    def probes(self, vantage):
        """(server address, port) of every printer-port probe a capture at this vantage sees."""
        return [(h, p) for h in self.hosts for p in self.ports if p in PRINTER_PORTS
                and (vantage != "server" or h.startswith("10.99.2."))]


PRINTER_PORTS = {9100: "raw-9100", 515: "lpd", 631: "ipp"}


class Scenario:
    def __init__(self, name, title, description, conns, captures, printer_nft="", switch_nft="", delays=None,
                 serial=False, settle=1.0, file_names=None, rcvbuf=8192, path_delays=None, relay_hold_ms=None,
                 capture_stop=None, scans=(), extra=None, timestamps=False, clock_shift=None):
        self.name, self.title, self.description, self.conns = name, title, description, conns
        self.captures, self.printer_nft, self.switch_nft = captures, printer_nft, switch_nft
        self.delays, self.serial, self.settle, self.file_names = delays or {}, serial, settle, file_names or {}
        self.rcvbuf, self.path_delays, self.relay_hold_ms = rcvbuf, path_delays or {}, relay_hold_ms
        # seconds after the first job's start at which tcpdump is stopped while clients are still busy (None:
        # after every client is done)
        self.capture_stop = capture_stop
        self.scans = list(scans)
        self.extra = extra or {}  # vantage -> extra top-level sidecar properties
        self.timestamps = timestamps  # clients and printer send TCP timestamps (the other scenarios: old stacks)
        self.clock_shift = clock_shift or {}  # vantage -> seconds its capture's timestamps are moved afterwards


# ------------------------------------------------------------------------------------------------ scenarios
def seed_drop_rule(ports, v6=False):
    """Printer stack never sees data after the handshake (so never ACKs it); the port capture still sees it."""
    length = "ip6 length > 20" if v6 else "ip length > 40"
    return "tcp dport 9100 tcp sport { %s } tcp flags & syn == 0 %s drop\n" % (", ".join(str(p) for p in ports), length)


def nft_table(hook, body):
    return ("table inet aw_fault {\n chain c { type filter hook %s priority 0; policy accept;\n%s }\n}\n"
            % (hook, body)) if body else ""


# Client side too: the printer's own RST arrives while no ACK for the data ever does, so the return path works
# and the printer's TCP never took the data; issue 5 has the analyzer blame the printer there, with that
# reasoning (and the forward-path/MTU caveat) stated.
FAILED_SEED = lambda: {"client": ("failed", "server", SEED_RULES), "server": ("failed", "server", SEED_RULES)}  # noqa


def scenarios():
    P, P6 = PRINTER_V4, PRINTER_V6
    S = {}

    seed_min = [Conn("cli1", 40001, P, 9100, 0.0, J("Quarterly report.doc", "jsmith", "pcl", 24000, 1),
                     FAILED_SEED(), cause="server", printer={"rst_after": 8.5}, client_outcome="reset",
                     pattern="seed")]
    S["s00"] = Scenario(
        "s00", "seed failure, minimal (client side)",
        "One raw 9100 job from cli1. nftables in the printer namespace drops every TCP segment with payload from "
        "cli1:40001 before the printer's TCP sees it, so the printer completes the handshake but never ACKs the "
        "two data segments; the client retransmits with doubling RTO (0.5 s floor); the emulator closes with "
        "SO_LINGER 0 after 8.5 s, which sends RST.",
        seed_min, [("client", "cli1")], printer_nft=nft_table("input", seed_drop_rule([40001])),
        file_names={("client", "cli1"): "../printer-stops-acking"})

    S["s01"] = Scenario(
        "s01", "healthy jobs",
        "Two clients print raw 9100 jobs (PJL+PCL, PJL+PostScript), one LPD job (source port 721) and one IPP job; "
        "no fault injected.",
        [Conn("cli1", 40101, P, 9100, 0.0, J("Invoice 2211.pdf", "alice", "pcl", 40000, 11), ok()),
         Conn("cli2", 40121, P, 9100, 0.4, J("Budget 2007.xls", "bob", "postscript", 60000, 12), ok()),
         Conn("cli1", 40102, P, 9100, 1.5, J("Site plan A3.dwg", "alice", "postscript", 150000, 13), ok()),
         Conn("cli2", 721, P, 515, 2.0, J("Memo to staff.txt", "bob", "postscript-nopjl", 20000, 14), ok(),
              proto="lpd"),
         Conn("cli1", 40103, P, 631, 3.0, J("Letter.odt", "alice", "postscript-nopjl", 30000, 15), ok(),
              proto="ipp"),
         Conn("cli2", 40122, P, 9100, 3.5, J("Photo proof.jpg", "bob", "pcl", 80000, 16), ok())],
        [("client", "cli1"), ("server", None), ("middle", None)])

    s2_fail = [40211, 40221, 40222]
    S["s02"] = Scenario(
        "s02", "seed failure, several clients",
        "cli1 prints one job fine; then the printer stops ACKing: for the next connections from cli1 and cli2 "
        "the printer's TCP never sees data (nftables input drop in the printer namespace, after the capture "
        "point), so the two initial segments are never ACKed, the clients retransmit, and the printer sends "
        "RST 8.5 s after accepting (SO_LINGER 0 close).",
        [Conn("cli1", 40201, P, 9100, 0.0, J("Timesheet week 12.xls", "carol", "pcl", 30000, 21), ok()),
         Conn("cli1", 40211, P, 9100, 1.5, J("Timesheet week 13.xls", "carol", "pcl", 30000, 22), FAILED_SEED(),
              cause="server", printer={"rst_after": 8.5}, client_outcome="reset", pattern="seed"),
         Conn("cli2", 40221, P, 9100, 2.5, J("Delivery note 5512", "dave", "postscript", 45000, 23),
              FAILED_SEED(), cause="server", printer={"rst_after": 8.5}, client_outcome="reset", pattern="seed"),
         Conn("cli2", 40222, P, 9100, 12.0, J("Delivery note 5512", "dave", "postscript", 45000, 23),
              FAILED_SEED(), cause="server", printer={"rst_after": 8.5}, client_outcome="reset", pattern="seed",
              note="the user printed the same document again")],
        [("client", "cli1"), ("server", None)], printer_nft=nft_table("input", seed_drop_rule(s2_fail)))

    # seed timeline: boot (fast) -> degraded (printer ACKs data 700 ms late) -> failed (no ACK, RST)
    # client: a prompt SYN-ACK with 700 ms data ACKs is the printer's own delay (issue 16; compare s10 and s14)
    slow = {"client": ("degraded", "server", []), "server": ("degraded", "server", ["slow-ack"])}
    t3 = []
    at = 0.0
    for i, (cli, port, phase) in enumerate([("cli1", 40301, "boot"), ("cli2", 40321, "boot"), ("cli1", 40302, "boot"),
                                            ("cli2", 40322, "slow"), ("cli1", 40303, "slow"), ("cli2", 40323, "slow"),
                                            ("cli1", 40304, "fail"), ("cli2", 40324, "fail"),
                                            ("cli1", 40305, "fail")]):
        user = "erin" if cli == "cli1" else "frank"
        job = J("Order %d" % (4711 + i), user, "pcl" if i % 2 else "postscript", 20000 + 3000 * i, 30 + i)
        if phase == "boot":
            t3.append(Conn(cli, port, P, 9100, at, job, ok()))
            at += 1.5
        elif phase == "slow":
            t3.append(Conn(cli, port, P, 9100, at, job, slow, cause="server",
                           note="every pure ACK the printer sends on this connection leaves 700 ms late (the SYN-ACK "
                                "does not); the client's 0.5 s RTO fires before the first ACK comes"))
            at += 8.0
        else:
            t3.append(Conn(cli, port, P, 9100, at, job, FAILED_SEED(), cause="server",
                           printer={"rst_after": 8.5}, client_outcome="reset", pattern="seed"))
            at += 10.0
    fail3 = [c.sport for c in t3 if c.pattern]
    S["s03"] = Scenario(
        "s03", "seed timeline: fast, then slow ACKs, then no ACKs",
        "Nine sequential connections alternating between cli1 and cli2. The first three are served normally. "
        "For the next three, a layer-2 forwarder in front of the printer (namespace aw-pnic, i.e. inside the "
        "printer, before its switch port) holds every pure ACK the printer sends on that connection for 700 ms "
        "(later frames of the connection queue behind), so the printer ACKs data > 500 ms after it arrived while "
        "its SYN-ACK is immediate. For the last three, the printer's TCP never sees the data (nftables input drop) "
        "and the emulator resets after 8.5 s: the seed pattern.",
        t3, [("client", "cli1"), ("server", None)],
        printer_nft=nft_table("input", seed_drop_rule(fail3)),
        delays={c.sport: 700 for c in t3 if c.expect is slow})

    refused = {"client": ("failed", "server", ["connection-refused"]),
               "server": ("failed", "server", ["connection-refused"])}
    gone = {"client": ("failed", "unknown", ["syn-unanswered"]), "server": ("failed", "server", ["syn-unanswered"])}
    S["s04"] = Scenario(
        "s04", "port closed and printer gone",
        "Printer address %s has nothing listening on 9100: the kernel answers the SYN with RST,ACK. Printer "
        "address %s drops everything (nftables input drop in the printer namespace, after the capture point): "
        "SYNs are retransmitted at 1 s and 3 s (tcp_syn_retries=2) and connect() fails after ~7 s. The working "
        "printer %s takes one job." % (CLOSED_V4, GONE_V4, P),
        [Conn("cli1", 40401, CLOSED_V4, 9100, 0.0, J("Label sheet", "gina", "pcl", 20000, 41), refused,
              cause="server", client_outcome="refused"),
         Conn("cli2", 40421, CLOSED_V4, 9100, 0.5, J("Label sheet 2", "hank", "pcl", 20000, 42), refused,
              cause="server", client_outcome="refused"),
         Conn("cli1", 40411, GONE_V4, 9100, 1.0, J("Envelope DL", "gina", "postscript", 20000, 43), gone,
              cause="server", client_outcome="timeout"),
         Conn("cli2", 40431, GONE_V4, 9100, 1.5, J("Envelope C5", "hank", "postscript", 20000, 44), gone,
              cause="server", client_outcome="timeout"),
         Conn("cli2", 40422, P, 9100, 2.0, J("Stock list", "hank", "pcl", 30000, 45), ok())],
        [("client", "cli1"), ("server", None)],
        printer_nft=nft_table("input", "ip daddr %s drop\n" % GONE_V4))

    busy = {"client": ("degraded", "server", ["zero-window"]), "server": ("degraded", "server", ["zero-window"])}
    S["s05"] = Scenario(
        "s05", "busy printer: zero window, then recovery",
        "The printer takes one job at a time and its receive buffer is small (SO_RCVBUF 4096). cli1 sends a "
        "300 KB job; after 40 KB the printer stops reading for 4 s (window goes to zero, client probes), then "
        "drains it. cli2's job arrives meanwhile: accepted by the kernel but not read until cli1's job is done, "
        "so its window closes too; it completes afterwards. A third job later is served normally.",
        [Conn("cli1", 40501, P, 9100, 0.0, J("Catalogue 2008 proof", "ivan", "postscript", 300000, 51), busy,
              cause="server", printer={"pause_after": 40000, "pause_s": 4.0}),
         Conn("cli2", 40521, P, 9100, 1.0, J("Shift rota", "judy", "pcl", 40000, 52), busy, cause="server"),
         Conn("cli1", 40502, P, 9100, 9.0, J("Shift rota v2", "ivan", "pcl", 20000, 53), ok())],
        [("client", "cli1"), ("server", None)], serial=True, rcvbuf=4096)

    lossy = {"client": ("degraded", "network", ["packet-loss"]),
             "server": ("degraded", "network", ["packet-loss"])}
    S["s06"] = Scenario(
        "s06", "lossy network between clients and printer",
        "The router (aw-sw) drops every 25th full-sized data segment of cli1:40601 and cli2:40621 in its forward "
        "chain (numgen counter, deterministic). The client and middle captures see the originals; the printer "
        "port does not. The printer (no SACK) sends duplicate ACKs and the client retransmits.",
        [Conn("cli1", 40601, P, 9100, 0.0, J("Brochure 12pp", "kim", "postscript", 120000, 61), lossy,
              cause="network"),
         Conn("cli2", 40621, P, 9100, 3.0, J("Price list", "leo", "pcl", 90000, 62), lossy, cause="network"),
         Conn("cli2", 40622, P, 9100, 6.0, J("Cover page", "leo", "pcl", 15000, 63), ok())],
        [("client", "cli1"), ("server", None), ("middle", None)],
        switch_nft=nft_table("forward", "".join(
            "tcp sport %d tcp dport 9100 ip length 1500 numgen inc mod 25 == 12 drop\n" % p for p in (40601, 40621))))

    acklost = {"client": ("degraded", "unknown", []),
               # printer port: ACKs that left long before the resends never took effect at the client (issue 16)
               "server": ("degraded", "network", ["spurious-retransmission"])}
    S["s07"] = Scenario(
        "s07", "printer ACKs lost on the way back",
        "The router drops the first three ACKs the printer sends to cli1:40701 (forward chain, numgen counter). "
        "The printer did receive and ACK the two initial segments promptly; the client never sees those ACKs, "
        "retransmits, and recovers when a later ACK gets through. Client-side capture: looks like a printer that "
        "does not ACK. Printer-port capture: the printer ACKed at once and the client's retransmissions are "
        "spurious. Only the two together show the network lost the ACKs.",
        [Conn("cli1", 40701, P, 9100, 0.0, J("Contract draft", "mia", "pcl", 40000, 71), acklost, cause="network"),
         Conn("cli2", 40721, P, 9100, 0.5, J("Contract annex", "ned", "postscript", 30000, 72), ok())],
        [("client", "cli1"), ("server", None)],
        switch_nft=nft_table("forward", "ip saddr %s tcp sport 9100 tcp dport 40701 tcp flags & (syn|fin|rst) == 0 "
                                        "numgen inc mod 1000000 < 3 drop\n" % P))

    S["s08"] = Scenario(
        "s08", "harmless printer reset after the job; client aborts a job",
        "cli1:40801 sends a whole job and half-closes; the printer reads it all (every byte ACKed) and then "
        "closes with SO_LINGER 0, so it sends RST instead of FIN: harmless. cli2:40821 sends 20 KB of a 100 KB "
        "job and then aborts (SO_LINGER 0 close): client RST. cli2:40822 prints normally afterwards.",
        [Conn("cli1", 40801, P, 9100, 0.0, J("Meeting notes", "olga", "pcl", 50000, 81), ok(),
              printer={"rst_at_eof": True}, client_outcome="reset",
              note="printer RST after the complete, acknowledged job"),
         Conn("cli2", 40821, P, 9100, 1.0, J("Big poster", "pete", "postscript", 100000, 82),
              {"client": ("failed", "client", ["client-reset"]), "server": ("failed", "client", ["client-reset"])},
              cause="client", abort_after=20000, client_outcome="aborted", note="user cancelled the job"),
         Conn("cli2", 40822, P, 9100, 3.0, J("Small poster", "pete", "postscript", 30000, 83), ok())],
        [("server", None), ("middle", None)])

    v6fail = FAILED_SEED()
    S["s09"] = Scenario(
        "s09", "IPv6: healthy jobs and the seed failure",
        "Scenarios 1 and 2 over IPv6 (fd00:99:1::/64 clients, fd00:99:2::9 printer): healthy raw and IPP jobs, "
        "then cli1:40911 hits the non-ACKing printer (nftables ip6 drop of data in the printer namespace, RST "
        "after 8.5 s).",
        [Conn("cli1", 40901, P6, 9100, 0.0, J("Report v6", "quinn", "pcl", 40000, 91), ok()),
         Conn("cli2", 40921, P6, 9100, 0.5, J("Chart v6", "rita", "postscript", 50000, 92), ok()),
         Conn("cli2", 40922, P6, 631, 1.5, J("Form v6", "rita", "postscript-nopjl", 20000, 93), ok(), proto="ipp"),
         Conn("cli1", 40911, P6, 9100, 2.5, J("Report v6 final", "quinn", "pcl", 40000, 94), v6fail,
              cause="server", printer={"rst_after": 8.5}, client_outcome="reset", pattern="seed")],
        [("client", "cli1"), ("server", None)],
        printer_nft=nft_table("input", seed_drop_rule([40911], v6=True)))
    issue16_scenarios(S)
    correlation_scenarios(S)
    issue20_scenarios(S)
    return S


def issue16_scenarios(S):
    """Patterns of issue 16: where blame must follow the fate of each byte and the capture point."""
    P = PRINTER_V4

    late = {"client": ("degraded", "server", ["slow-ack"]), "server": ("degraded", "server", ["slow-ack"])}
    late_note = ("every pure ACK the printer sends on this connection is held 250-600 ms inside the printer (seeded "
                 "draw per ACK), before its switch port; its SYN-ACK is not. Printer port: each data segment is seen "
                 "arriving and its ACK leaves 250-600 ms later, so nothing was lost on the way in and a client "
                 "retransmission is the printer's doing. Client: the SYN-ACK comes within a millisecond (the path "
                 "is fast both ways) while data ACKs come 250-600 ms late; a path cannot delay only pure ACKs, so "
                 "the printer's stack is slow to acknowledge (contrast s14)")
    S["s10"] = Scenario(
        "s10", "printer stack ACKs late",
        "A layer-2 forwarder inside the printer (namespace aw-pnic, before its switch port) holds every pure ACK the "
        "printer sends to cli1:41001 and cli2:41021 for 250-600 ms (a seeded draw per ACK, the first draw about "
        "585 ms; a FIN/RST/data frame goes out at once and supersedes held ACKs), while the SYN-ACK leaves at once. "
        "The clients' 0.5 s RTO fires before the first late ACK leaves the printer (later ones come within the "
        "RTO the clients have learnt by then).",
        [Conn("cli1", 41001, P, 9100, 0.0, J("Annual accounts 2008", "sara", "pcl", 40000, 101), late,
              cause="server", note=late_note),
         Conn("cli2", 41021, P, 9100, 0.3, J("Staff handbook", "tom", "postscript", 30000, 102), late,
              cause="server", note=late_note)],
        [("client", "cli1"), ("server", None)],
        delays={41001: {"ms": [250, 600], "seed": 1030}, 41021: {"ms": [250, 600], "seed": 1033}})

    S["s11"] = Scenario(
        "s11", "printer ACKs lost for good, printer gives up",
        "The router drops every ACK the printer sends to cli1:41101 (forward chain; SYN-ACK, FIN and RST pass). The "
        "printer takes and ACKs the first two segments within microseconds; the client never sees an ACK and "
        "retransmits the first segment with back-off (0.5, 1.5, 3.5, 7.5 s); the printer, having had no new data "
        "for 8 s, closes with SO_LINGER 0 (RST). cli2:41121 prints normally.",
        [Conn("cli1", 41101, P, 9100, 0.0, J("Tender offer", "uma", "pcl", 30000, 111),
              {"client": ("failed", "network", ["missing-ack-after-two-segments", "printer-reset"]),
               "server": ("failed", "network", ["spurious-retransmission", "printer-reset"])},
              cause="network", printer={"idle_rst": 8.0}, client_outcome="reset", pattern="acks-lost",
              note="printer port: the printer ACKed both segments within microseconds and re-ACKed every "
                   "retransmission, and the client kept retransmitting the acknowledged segment with doubling "
                   "back-off, so the ACKs were lost after this capture point (network, or a filter on the client "
                   "host); the job never got past two segments and the printer reset it: failed, network. "
                   "Client: it looks like the seed failure (two segments, no ACK, retransmissions, printer RST), "
                   "but the printer's RST acknowledges both segments (its ack number is the end of the second "
                   "segment, where the seed failure's RST acknowledges nothing beyond the SYN): the printer's TCP "
                   "took the data, and a TCP that takes data ACKs it and re-ACKs each duplicate, so at least four "
                   "ACKs were sent and none arrived while the printer's SYN-ACK and RST did: the ACKs were lost on "
                   "the way back (network). The printer's reset is its job timeout reacting to the stall"),
         Conn("cli2", 41121, P, 9100, 0.5, J("Tender annex", "vic", "postscript", 20000, 112), ok())],
        [("client", "cli1"), ("server", None)],
        switch_nft=nft_table("forward", "ip saddr %s tcp sport 9100 tcp dport 41101 tcp flags & (syn|fin|rst) == 0 "
                                        "drop\n" % P))

    S["s12"] = Scenario(
        "s12", "printer stops reading mid-job, then resets",
        "cli1:41201 sends a 120 KB job; the printer reads 30 KB and never reads again (engine jam): its window "
        "closes and never reopens, the client probes, and 6 s later the printer closes with SO_LINGER 0 (RST). "
        "Every byte the client sent was acknowledged; the job's end was never delivered. cli2:41221 prints "
        "normally.",
        [Conn("cli1", 41201, P, 9100, 0.0, J("Wall planner 2009", "wes", "postscript", 120000, 121),
              {"client": ("failed", "server", ["zero-window", "printer-reset"]),
               "server": ("failed", "server", ["zero-window", "printer-reset"])},
              cause="server", printer={"stall_after": 30000, "stall_rst": 6.0}, client_outcome="reset",
              pattern="reset-before-end",
              note="every byte sent was acknowledged, but the window never reopened and the printer reset the "
                   "connection before the job's end was delivered: the job did not print (failed, not degraded); "
                   "a zero window is the printer's own flow control (server)"),
         Conn("cli2", 41221, P, 9100, 0.3, J("Door sign", "xena", "pcl", 20000, 122), ok())],
        [("client", "cli1"), ("server", None)])

    S["s13"] = Scenario(
        "s13", "capture ends mid-connection",
        "cli1 prints a short job (41301) and then a 200 KB job (41302) that its driver spools 2920 bytes every "
        "0.1 s; cli2 prints a short job (41321). tcpdump is stopped 4 s after the first job started, while 41302 is "
        "still sending (it completes after the capture ended).",
        [Conn("cli1", 41301, P, 9100, 0.0, J("Parking permit", "yves", "pcl", 20000, 131), ok()),
         Conn("cli2", 41321, P, 9100, 0.3, J("Visitor list", "zoe", "postscript", 20000, 132), ok()),
         Conn("cli1", 41302, P, 9100, 1.0, J("Site survey photos", "yves", "pcl", 200000, 133),
              {"client": ("incomplete", "none", []), "server": ("incomplete", "none", [])},
              pace=[2920, 0.1],
              note="handshake and about 3 s of data are in the capture, then the capture ends while the job is "
                   "still flowing (nothing went wrong; the job completed after tcpdump stopped): the job's end is "
                   "not in the capture, so the verdict is incomplete, never ok")],
        [("client", "cli1"), ("server", None)], capture_stop=4.0)

    S["s14"] = Scenario(
        "s14", "slow path: every printer packet late, SYN-ACK included",
        "A layer-2 forwarder between cli1 and the switch (namespace aw-cdly, on the client's side of the router, "
        "i.e. after the printer port) holds every frame to cli1:41401 for 600 ms, the printer's SYN-ACK included. "
        "The printer itself answers at once. cli2:41421 is not delayed.",
        [Conn("cli1", 41401, P, 9100, 0.0, J("Route map", "abe", "pcl", 40000, 141),
              {"client": ("degraded", "network", ["slow-ack"]), "server": ("degraded", "network", [])},
              cause="network", pattern="slow-path",
              note="client: the SYN-ACK takes as long as the data ACKs (about 600 ms): the round trip itself is "
                   "slow, so the path is slow, not the printer's stack (contrast s10). Printer port: the printer "
                   "answers everything within microseconds and its SYN-ACK is answered 600 ms later: the delay is "
                   "between the port and the client"),
         Conn("cli2", 41421, P, 9100, 0.3, J("Bus timetable", "bea", "postscript", 20000, 142), ok())],
        [("client", "cli1"), ("server", None)], path_delays={41401: {"ms": 600, "frames": "all"}})

    S["s15"] = Scenario(
        "s15", "printer stalls with a window below one segment",
        "The printer's receive buffer is tiny (SO_RCVBUF 1, the kernel minimum), so it advertises windows of 1152 "
        "and then 576 bytes, below one MSS (the Linux client then sends 576-byte segments, each filling the window). After about "
        "19 KB of cli1:41501's 60 KB job the printer's stack hangs for that connection (nftables in the printer "
        "namespace, after the capture point: 'quota over 20000 bytes drop' for the client port): the segment in "
        "flight is never acknowledged, the client resends it with back-off, and the printer stays silent until "
        "the capture ends 18 s after the job started.",
        [Conn("cli1", 41501, P, 9100, 0.0, J("Inventory count", "cal", "pcl", 60000, 151),
              {"client": ("failed", "server", []), "server": ("failed", "server", [])},
              cause="server", client_outcome="timeout", timeout=20, pattern="sub-mss-stall",
              note="the printer's window is below one MSS throughout and the last segment sent into it is never "
                   "acknowledged: resent with back-off while the printer says nothing for the rest of the capture "
                   "(more than 10 s). A window that small stalls the sender as a zero window does; the printer took "
                   "data until then and the stall is its own (a printer-port capture sees the resends arrive "
                   "unanswered); the job's end was never delivered: failed, server")],
        [("client", "cli1"), ("server", None)], rcvbuf=1, capture_stop=18.0,
        printer_nft=nft_table("input", "tcp sport 41501 quota over 20000 bytes drop\n"))

    hosts = ["10.99.1.1", P, CLOSED_V4, GONE_V4]
    ports = [22, 80, 443, 515, 631, 9100]
    S["s16"] = Scenario(
        "s16", "port scan mixed with print jobs",
        "cli1 prints a job (41601); then runs nmap -sS (source port 41650) and, after it, nmap -sT (its only "
        "ephemeral port is 41660) against the router 10.99.1.1, the printer %s, %s (nothing listening) and %s "
        "(drops everything) on ports %s; cli2 prints an IPP job (41621) meanwhile. The scan's connections to "
        "printer ports are listed as probes (\"probe\": true, with the scanning source): no payload, not print "
        "jobs." % (P, CLOSED_V4, GONE_V4, ",".join(str(p) for p in ports)),
        [Conn("cli1", 41601, P, 9100, 0.0, J("Purchase order 7781", "dan", "pcl", 30000, 161), ok()),
         Conn("cli2", 41621, P, 631, 4.0, J("Purchase order 7782", "eve", "postscript-nopjl", 20000, 162), ok(),
              proto="ipp")],
        [("client", "cli1"), ("server", None)],
        printer_nft=nft_table("input", "ip daddr %s drop\n" % GONE_V4),
        scans=[Scan("cli1", 1.5, "-sS", 41650, hosts, ports), Scan("cli1", 7.0, "-sT", 41660, hosts, ports)])

    relay = {"mac": lab.RELAY_MAC, "relays": "10.99.1.2 <-> 10.99.1.1 (cli1 and its gateway)",
             "hold_ms": 2}
    S["s17"] = Scenario(
        "s17", "a host on the LAN relays every packet",
        "A host on the client LAN (aw-rly, MAC %s) relays cli1's traffic: cli1's neighbour entry for its gateway "
        "and the router's entry for cli1 point at the relay (what spoofed ARP replies achieve), and the relay sends "
        "every frame on to the real MAC 2 ms later, unchanged but for the MAC addresses (same IP ID, same TTL). On "
        "the LAN mirror (middle) every packet of cli1's connection appears twice, the copies not adjacent; at the "
        "client every frame from the printer comes from the relay's MAC; the printer port sees nothing unusual. "
        "Both jobs print normally." % lab.RELAY_MAC,
        [Conn("cli1", 41701, P, 9100, 0.0, J("Payroll March", "fay", "pcl", 60000, 171), ok(),
              note="nothing was lost: at the middle point each packet is seen once on its way to the relay and once "
                   "relayed (same IP ID, source MAC %s), which is a relay on the path, not a retransmission or a "
                   "duplicate ACK" % lab.RELAY_MAC),
         Conn("cli2", 41721, P, 9100, 0.5, J("Payroll April", "gus", "postscript", 30000, 172), ok())],
        [("client", "cli1"), ("middle", None), ("server", None)], relay_hold_ms=2,
        extra={"middle": {"relay": dict(relay, seen="every IPv4 frame of cli1 twice: to the relay's MAC, then "
                                                    "from it")},
               "client": {"relay": dict(relay, seen="every frame to and from the gateway carries the relay's MAC "
                                                    "(no copies at this point)")}})

    late_ts_note = (
        "clients and printer send TCP timestamps (RFC 7323). Every pure ACK the printer sends on this connection is "
        "held 250-600 ms inside the printer, before its switch port (as s10); the SYN-ACK is not. The client's "
        "0.5 s RTO fires while the ACK of the first segments is held, and it resends a segment the printer already "
        "had: the printer's ACK that then covers it echoes (TSecr) the TSval of the first copy, so the first copy "
        "reached the printer and the resend was spurious (RFC 3522): not packet loss. The ACK left the printer late "
        "while the SYN-ACK came at once: the printer's fault at either capture point")
    S["s18"] = Scenario(
        "s18", "printer stack ACKs late, TCP timestamps on",
        "As s10, with a modern printer and Windows 10-like clients: tcp_timestamps=1 in the clients' and the "
        "printer's namespaces (every other scenario has them off). A layer-2 forwarder inside the printer "
        "(namespace aw-pnic, before its switch port) holds every pure ACK the printer sends to cli1:41801 for "
        "250-600 ms (a seeded draw per ACK; a FIN/RST/data frame goes out at once and supersedes held ACKs), while "
        "the SYN-ACK leaves at once. With two segments in flight (initial window 2) the client waits; its 0.5 s RTO "
        "fires before the first late ACK leaves the printer and it resends the first segment, which the printer "
        "already had. cli2:41821 prints normally.",
        [Conn("cli1", 41801, P, 9100, 0.0, J("Quarterly forecast", "hal", "pcl", 40000, 181),
              {"client": ("degraded", "server", ["slow-ack"]), "server": ("degraded", "server", ["slow-ack"])},
              cause="server", pattern="late-ack-ts-echo", note=late_ts_note),
         Conn("cli2", 41821, P, 9100, 0.3, J("Canteen menu", "ida", "postscript", 20000, 182), ok())],
        [("client", "cli1"), ("server", None)],
        delays={41801: {"ms": [250, 600], "seed": 1030}}, timestamps=True)


def issue20_scenarios(S):
    """Issue 20: the printer goes bad after one client sent it something it had not seen before (and controls
    where it goes bad with nothing before). The fault itself is the seed failure (nftables drops the data of the
    later connections in the printer namespace, after the capture point), applied by construction after the
    trigger; a healthy job by the other client comes between the trigger and the first failed connection."""
    P = PRINTER_V4

    def fail(cli, port, at, name, user, language, seed):
        return Conn(cli, port, P, 9100, at, J(name, user, language, 24000, seed), FAILED_SEED(), cause="server",
                    printer={"rst_after": 8.5}, client_outcome="reset", pattern="seed")

    def healthy(cli, port, at, name, user, language, seed, **kw):
        return Conn(cli, port, P, 9100, at, J(name, user, language, 24000, seed), ok(), **kw)

    vantages = [("server", None), ("middle", None)]
    urgent = {"kind": "urgent-data", "client": "10.99.1.3:42104", "server": "%s:9100" % P,
              "filter": "tcp.flags.urg == 1",
              "note": "the only connection whose segments carry URG (one urgent byte sent with MSG_OOB after 6000 "
                      "bytes of the job): the first candidate must be this connection"}
    S["s21"] = Scenario(
        "s21", "trigger: urgent data, then the printer stops ACKing",
        "cli1 and cli2 print three healthy PJL jobs in turn (cli1 PCL, cli2 PostScript). cli2's next job "
        "(42104) sends one byte of TCP urgent data (MSG_OOB) after 6000 bytes: the only segments with URG in the "
        "capture; that job completes. cli1 then prints a healthy job (42105). From the next connection on, the "
        "printer's TCP never sees data (nftables input drop in the printer namespace for 42106 and 42107, after "
        "the capture point) and the emulator resets after 8.5 s: the seed failure, by construction after the "
        "trigger.",
        [healthy("cli1", 42101, 0.0, "Urgent test 1", "hal", "pcl", 2101),
         healthy("cli2", 42102, 1.0, "Urgent test 2", "ida", "postscript", 2102),
         healthy("cli1", 42103, 2.0, "Urgent test 3", "hal", "pcl", 2103),
         healthy("cli2", 42104, 3.0, "Urgent test 4", "ida", "postscript", 2104, urgent_after=6000,
                 note="one urgent byte (MSG_OOB) after 6000 bytes: the trigger"),
         healthy("cli1", 42105, 4.0, "Urgent test 5", "hal", "pcl", 2105),
         fail("cli1", 42106, 5.0, "Urgent test 6", "hal", "pcl", 2106),
         fail("cli2", 42107, 6.0, "Urgent test 7", "ida", "postscript", 2107)],
        vantages, printer_nft=nft_table("input", seed_drop_rule([42106, 42107])),
        extra={v: {"trigger": urgent} for v, _ in vantages})

    hosts = [P, CLOSED_V4, GONE_V4]
    ports = [22, 80, 443, 515, 631, 9100]
    scan = {"kind": "scan", "source": "10.99.1.3",
            "filter": "ip.src == 10.99.1.3 && tcp.srcport == 42250",
            "note": "nmap -sS from cli2 (source port 42250) against the printer addresses: the only scan in the "
                    "capture; the first candidate must be this scan"}
    S["s22"] = Scenario(
        "s22", "trigger: a port scan, then the printer stops ACKing",
        "cli1 and cli2 print three healthy jobs in turn; cli2 then runs nmap -sS (source port 42250) against %s, %s "
        "(nothing listening) and %s (drops everything) on ports %s; cli1 prints a healthy job after it (42205); "
        "from the next connection on, the printer's TCP never sees data (nftables input drop for 42206 and 42207) "
        "and the emulator resets after 8.5 s." % (P, CLOSED_V4, GONE_V4, ",".join(str(p) for p in ports)),
        [healthy("cli1", 42201, 0.0, "Scan test 1", "ike", "pcl", 2201),
         healthy("cli2", 42202, 1.0, "Scan test 2", "jon", "postscript", 2202),
         healthy("cli1", 42203, 2.0, "Scan test 3", "ike", "pcl", 2203),
         healthy("cli1", 42205, 9.0, "Scan test 5", "ike", "pcl", 2205),
         fail("cli1", 42206, 10.0, "Scan test 6", "ike", "pcl", 2206),
         fail("cli2", 42207, 11.0, "Scan test 7", "jon", "postscript", 2207)],
        vantages, printer_nft=nft_table("input", "ip daddr %s drop\n" % GONE_V4 + seed_drop_rule([42206, 42207])),
        scans=[Scan("cli2", 3.0, "-sS", 42250, hosts, ports)],
        extra={v: {"trigger": scan} for v, _ in vantages})

    pjl = {"kind": "pjl", "client": "10.99.1.3:42304", "server": "%s:9100" % P,
           "command": "DEFAULT TIMEOUT",
           "note": "the only job whose PJL header holds @PJL DEFAULT TIMEOUT=0 (a default kept across jobs, which no "
                   "other job sends): the first candidate must be this connection"}
    S["s23"] = Scenario(
        "s23", "trigger: an unusual PJL command, then the printer stops ACKing",
        "cli1 and cli2 print three healthy PJL jobs in turn (cli1 PCL, cli2 PostScript). cli2's next job (42304) "
        "carries @PJL DEFAULT TIMEOUT=0 in its PJL header, after @PJL JOB: the only PJL command in the capture "
        "that changes a printer default; that job completes. cli1 then prints a healthy job (42305). From the next "
        "connection on, the printer's TCP never sees data (nftables input drop in the printer namespace for 42306 "
        "and 42307, after the capture point) and the emulator resets after 8.5 s: the seed failure, by "
        "construction after the trigger.",
        [healthy("cli1", 42301, 0.0, "PJL test 1", "maxine", "pcl", 2301),
         healthy("cli2", 42302, 1.0, "PJL test 2", "ned", "postscript", 2302),
         healthy("cli1", 42303, 2.0, "PJL test 3", "maxine", "pcl", 2303),
         Conn("cli2", 42304, P, 9100, 3.0, J("PJL test 4", "ned", "postscript", 24000, 2304,
                                             pjl_extra=[b"@PJL DEFAULT TIMEOUT=0"]), ok(),
              note="@PJL DEFAULT TIMEOUT=0 in the PJL header: the trigger"),
         healthy("cli1", 42305, 4.0, "PJL test 5", "maxine", "pcl", 2305),
         fail("cli1", 42306, 5.0, "PJL test 6", "maxine", "pcl", 2306),
         fail("cli2", 42307, 6.0, "PJL test 7", "ned", "postscript", 2307)],
        vantages, printer_nft=nft_table("input", seed_drop_rule([42306, 42307])),
        extra={v: {"trigger": pjl} for v, _ in vantages})

    none = {"kind": "none",
            "note": "nothing new reaches the printer before it goes bad: the same two clients, job languages and "
                    "sizes throughout; no candidate may pass the evidence bar"}
    S["s24"] = Scenario(
        "s24", "control: the printer stops ACKing with no trigger",
        "cli1 and cli2 print five healthy jobs in turn (cli1 PCL, cli2 PostScript, 24 KB each); from the sixth "
        "connection on, the printer's TCP never sees data (nftables input drop for 42406 and 42407) and the "
        "emulator resets after 8.5 s. Nothing unusual precedes it.",
        [healthy("cli1", 42401, 0.0, "Control 1", "kai", "pcl", 2401),
         healthy("cli2", 42402, 1.0, "Control 2", "lou", "postscript", 2402),
         healthy("cli1", 42403, 2.0, "Control 3", "kai", "pcl", 2403),
         healthy("cli2", 42404, 3.0, "Control 4", "lou", "postscript", 2404),
         healthy("cli1", 42405, 4.0, "Control 5", "kai", "pcl", 2405),
         fail("cli1", 42406, 5.0, "Control 6", "kai", "pcl", 2406),
         fail("cli2", 42407, 6.0, "Control 7", "lou", "postscript", 2407)],
        vantages, printer_nft=nft_table("input", seed_drop_rule([42406, 42407])),
        extra={v: {"trigger": none} for v, _ in vantages})


def correlation_scenarios(S):
    """Issue 17: captures of the same connections at two points, to be correlated."""
    P = PRINTER_V4
    lossy = {"client": ("degraded", "network", ["packet-loss"]),
             "server": ("degraded", "network", ["packet-loss"])}
    acklost = {"client": ("degraded", "unknown", []), "server": ("degraded", "network", ["spurious-retransmission"])}
    S["s19"] = Scenario(
        "s19", "two captures whose clocks differ by seconds",
        "s06's and s07's faults again, captured at the client and at the printer port, and then every timestamp of "
        "the printer-port capture moved %+.6f s (rewritten in the file after the capture: that capture's clock is "
        "off). The router drops every 25th full-sized data segment of cli1:41901 and the first three ACKs the "
        "printer sends to cli1:41902; cli2:41921 prints normally." % S19_SHIFT_S,
        [Conn("cli1", 41901, P, 9100, 0.0, J("Offset brochure", "hal", "postscript", 120000, 191), lossy,
              cause="network"),
         Conn("cli1", 41902, P, 9100, 3.0, J("Offset contract", "hal", "pcl", 40000, 192), acklost, cause="network"),
         Conn("cli2", 41921, P, 9100, 0.5, J("Offset annex", "ida", "postscript", 30000, 193), ok())],
        [("client", "cli1"), ("server", None)],
        switch_nft=nft_table("forward",
                             "tcp sport 41901 tcp dport 9100 ip length 1500 numgen inc mod 25 == 12 drop\n"
                             "ip saddr %s tcp sport 9100 tcp dport 41902 tcp flags & (syn|fin|rst) == 0 "
                             "numgen inc mod 1000000 < 3 drop\n" % P),
        clock_shift={"server": S19_SHIFT_S})
    S["s20"] = Scenario(
        "s20", "two captures with a NAT between them",
        "The router source-NATs cli1's print connections to its own printer-side address %s: cli1:42001 becomes "
        "%s:52001 (address and port rewritten), cli1:42002 keeps its port. Captured at the client and at the "
        "printer port, so the two captures name the same connections differently. The router also drops every "
        "25th full-sized data segment of cli1:42001 (between the two points); cli1:42002 prints normally."
        % (S20_NAT_V4, S20_NAT_V4),
        [Conn("cli1", 42001, P, 9100, 0.0, J("NAT brochure", "ines", "postscript", 120000, 201), lossy,
              cause="network", nat=(S20_NAT_V4, 52001)),
         Conn("cli1", 42002, P, 9100, 1.0, J("NAT memo", "ines", "pcl", 30000, 202), ok(), nat=(S20_NAT_V4, 42002))],
        [("client", "cli1"), ("server", None)],
        switch_nft=nft_table("forward", "tcp sport 42001 tcp dport 9100 ip length 1500 numgen inc mod 25 == 12 drop\n")
        + "table ip aw_nat {\n chain post { type nat hook postrouting priority 100; policy accept;\n"
          "  ip saddr 10.99.1.2 tcp sport 42001 tcp dport 9100 snat to %s:52001\n"
          "  ip saddr 10.99.1.2 tcp sport 42002 tcp dport 9100 snat to %s\n }\n}\n" % (S20_NAT_V4, S20_NAT_V4))


S19_SHIFT_S = 4.321987
S20_NAT_V4 = "10.99.2.1"  # the router's own address on the printer's side

# Where each network fault of a scenario sits on the path client -> [client point] -> client-path forwarder
# (aw-cdly) -> [middle point] -> router (aw-sw forward chain) -> [printer-port point] -> printer, and what it
# does: the ground truth of the correlation sidecars (issue 17). A rule here restates the nftables rule or
# forwarder of the scenario above. "pure-ack": printer packets without SYN, FIN or RST; "full-size": client
# segments of 1460 bytes (ip length 1500); "every"/"index": numgen inc mod EVERY == INDEX over those packets in
# the order they reach the router; "first": numgen inc mod 1000000 < FIRST.
NETWORK_FAULTS = {
    40601: dict(site="router", direction="client-to-printer", select="full-size", every=25, index=12),
    40621: dict(site="router", direction="client-to-printer", select="full-size", every=25, index=12),
    40701: dict(site="router", direction="printer-to-client", select="pure-ack", first=3),
    41101: dict(site="router", direction="printer-to-client", select="pure-ack"),
    41401: dict(site="client-path", direction="printer-to-client", delay_ms=600),
    41901: dict(site="router", direction="client-to-printer", select="full-size", every=25, index=12),
    41902: dict(site="router", direction="printer-to-client", select="pure-ack", first=3),
    42001: dict(site="router", direction="client-to-printer", select="full-size", every=25, index=12),
}
# capture points in path order, and the fault sites between them
PATH = ["client", "client-path", "middle", "router", "server", "printer"]
VERDICT_ORDER = ["ok", "incomplete", "degraded", "failed"]


def shift_pcap(path, seconds):
    """Moves every timestamp of a pcap file (tcpdump's microsecond format, or nanosecond) by seconds."""
    import struct
    with open(path, "rb") as f:
        data = bytearray(f.read())
    magic = struct.unpack_from("<I", data, 0)[0]
    end = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    per_s = 1000000000 if struct.unpack_from(end + "I", data, 0)[0] == 0xa1b23c4d else 1000000
    shift = round(seconds * per_s)
    at = 24
    while at + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack_from(end + "IIII", data, at)
        t = sec * per_s + frac + shift
        struct.pack_into(end + "II", data, at, t // per_s, t % per_s)
        at += 16 + incl
    with open(path, "wb") as f:
        f.write(data)


def write_correlation_sidecar(sc, out_dir):
    """sNN-slug.correlation.json: for every pair of capture points of the scenario, each print connection both
    see, with what the generator injected between them: the combined verdict, where the fault lies (located), the
    packets lost between the two points (as the rule that dropped them), and each capture's clock shift."""
    if len(sc.captures) < 2:
        return
    points = sorted(sc.captures, key=lambda c: PATH.index(c[0]))
    files = {v: capture_name(sc, v, cli) + ".pcap" for v, cli in points}
    pairs = []
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            (up, up_cli), (down, _) = points[i], points[j]
            conns = []
            for c in sc.conns:
                if up == "client" and c.cli != up_cli:
                    continue
                fault = NETWORK_FAULTS.get(c.sport)
                between = fault is not None and PATH.index(up) < PATH.index(fault["site"]) < PATH.index(down)
                verdicts = [c.expectation(v)[0] for v in (up, down)]
                verdict = max(verdicts, key=VERDICT_ORDER.index)
                if fault is not None:
                    located = "network-between-points" if between else "network-beyond-points"
                else:
                    located = {"server": "printer", "client": "client", "none": "none"}[c.cause]
                entry = dict(client=c.client_ep(up), server=ep(c.dst, c.dport), verdict=verdict, located=located,
                             lost=[{k: v for k, v in fault.items() if k != "site"}]
                             if between and "delay_ms" not in fault else [],
                             capture_loss=0)
                if c.client_ep(up) != c.client_ep(down):
                    entry["nat"] = dict(client=dict(upstream=c.client_ep(up), downstream=c.client_ep(down)))
                if between and "delay_ms" in fault:
                    entry["path_delay_ms"] = {fault["direction"]: fault["delay_ms"]}
                conns.append(entry)
            pairs.append(dict(upstream=files[up], downstream=files[down], connections=conns))
    side = dict(scenario=sc.name, made_by="testdata/generator/generate.py %s (%s): written from the scenario's "
                "faults (NETWORK_FAULTS, causes, expectations), never from ackwatch output" % (sc.name, sc.title),
                captures=[files[v] for v, _ in points],
                clock_shift_s={files[v]: getattr(sc, "clock_shift", {}).get(v, 0) for v, _ in points},
                pairs=pairs)
    path = os.path.join(out_dir, "captures", "%s-%s.correlation.json" % (sc.name, SLUGS[sc.name]))
    with open(path, "w") as f:
        json.dump(side, f, indent=2)
        f.write("\n")
    print("   wrote %s (%d pairs)" % (os.path.relpath(path, out_dir), len(pairs)), flush=True)


# ------------------------------------------------------------------------------------------------ running
def capture_point(vantage, cli):
    if vantage == "client":
        return CLIENTS[cli]["ns"], CLIENTS[cli]["ifc"]
    if vantage == "server":
        return lab.SW_NS, lab.SW_P
    return lab.SW_NS, lab.BR


SLUGS = {"s01": "healthy", "s02": "seed-failure", "s03": "seed-timeline", "s04": "refused-and-gone",
         "s05": "busy-zero-window", "s06": "lossy-network", "s07": "acks-lost", "s08": "resets", "s09": "ipv6",
         "s10": "printer-acks-late", "s11": "acks-lost-printer-gives-up", "s12": "stops-reading-then-reset",
         "s13": "capture-ends-mid-job", "s14": "slow-path", "s15": "sub-mss-window-stall", "s16": "port-scan",
         "s17": "lan-relay", "s18": "timestamps-printer-acks-late", "s19": "clock-offset", "s20": "nat",
         "s21": "trigger-urgent", "s22": "trigger-scan", "s23": "trigger-pjl", "s24": "control-no-trigger"}
VANTAGE_SUFFIX = {"client": "client", "server": "printer-port", "middle": "middle"}
VANTAGE_WHERE = {"client": "on the client's own interface (what a Windows PC capture shows)",
                 "server": "on the router port facing the printer (a SPAN of the printer's switch port)",
                 "middle": "on the client-LAN bridge of the router (a mirror between clients and printer)"}


def capture_name(sc, vantage, cli):
    if (vantage, cli) in sc.file_names:
        return sc.file_names[(vantage, cli)]
    return "%s-%s-%s" % (sc.name, SLUGS[sc.name], VANTAGE_SUFFIX[vantage] + ("-" + cli if cli else ""))


def run_scenario(sc, out_dir):
    print("== %s: %s" % (sc.name, sc.title), flush=True)
    listen = []
    for addr in (PRINTER_V4, PRINTER_V6):
        listen += [dict(addr=addr, port=9100, proto="raw"), dict(addr=addr, port=515, proto="lpd"),
                   dict(addr=addr, port=631, proto="ipp")]
    pcfg = dict(listen=listen, rcvbuf=sc.rcvbuf, serial=sc.serial, lifetime=180,
                behaviours={str(c.sport): c.printer for c in sc.conns if c.printer})
    results = {}
    with lab.Lab(with_delay_nic=bool(sc.delays), delays=sc.delays, path_delays=sc.path_delays,
                 relay_hold_ms=sc.relay_hold_ms, timestamps=sc.timestamps) as L:
        if sc.printer_nft:
            L.nft(lab.PRN_NS, sc.printer_nft)
        if sc.switch_nft:
            L.nft(lab.SW_NS, sc.switch_nft)
        for scan in sc.scans:
            if scan.kind == "-sT":  # the kernel picks a connect scan's source port: give it exactly one
                lab.sysctls(CLIENTS[scan.cli]["ns"], [("net.ipv4.ip_local_port_range",
                                                       "%d %d" % (scan.sport, scan.sport))])
        import subprocess
        printer = L.spawn(lab.PRN_NS, [PY, os.path.join(HERE, "printer.py"), json.dumps(pcfg)], "printer",
                          stdout=subprocess.PIPE)
        if "ready" not in printer.stdout.readline():
            raise RuntimeError("printer emulator did not start: " + printer.stderr.read())
        caps = []
        for vantage, cli in sc.captures:
            path = os.path.join(out_dir, "captures", capture_name(sc, vantage, cli) + ".pcap")
            ns, ifc = capture_point(vantage, cli)
            caps.append((vantage, cli, os.path.normpath(path), L.capture(ns, ifc, path)))
        time.sleep(0.5)
        t0 = time.time() + 0.5
        clients = []
        for cli in CLIENTS:
            mine = [c for c in sc.conns if c.cli == cli]
            if not mine:
                continue
            srcs = {c.src() for c in mine}
            for src in srcs:
                cfg = dict(t0=t0, src=src, jobs=[dict(sport=c.sport, dst=c.dst, dport=c.dport, proto=c.proto, at=c.at,
                                                      job=c.job, timeout=c.timeout,
                                                      **({"abort_after": c.abort_after} if c.abort_after else {}),
                                                      **({"pace": c.pace} if c.pace else {}),
                                                      **({"urgent_after": c.urgent_after} if c.urgent_after else {}))
                                                 for c in mine if c.src() == src])
                clients.append(L.spawn(CLIENTS[cli]["ns"], [PY, os.path.join(HERE, "client.py"), json.dumps(cfg)],
                                       "client " + cli, stdout=subprocess.PIPE))
        scans = [L.spawn(CLIENTS[scan.cli]["ns"], ["sh", "-c", 'sleep %.3f; exec "$@"' % (t0 + scan.at - time.time()),
                                                  "scan"] + scan.argv(), "nmap", stdout=subprocess.PIPE)
                 for scan in sc.scans]
        deadline = time.time() + 150
        if sc.capture_stop is not None:
            time.sleep(max(0.0, t0 + sc.capture_stop - time.time()))
            for _, _, _, p in caps:
                L.stop(p)
        for p in clients:
            out, err = p.communicate(timeout=max(1, deadline - time.time()))
            if p.returncode != 0:
                raise RuntimeError("client failed: %s" % err)
            for line in out.splitlines():
                r = json.loads(line)
                results[r["sport"]] = r
        for p in scans:
            out, err = p.communicate(timeout=max(1, deadline - time.time()))
            if p.returncode != 0 or "Nmap done" not in out:
                raise RuntimeError("nmap failed: %s%s" % (out, err))
        time.sleep(sc.settle)
        for _, _, _, p in caps:
            L.stop(p)
        L.stop(printer, signal.SIGTERM)
        plog = printer.stdout.read() if printer.stdout else ""
    for c in sc.conns:
        got = results.get(c.sport, {}).get("outcome")
        if got != c.client_outcome:
            raise RuntimeError("%s: connection from port %d ended %r, scenario intends %r (printer log: %s)"
                               % (sc.name, c.sport, got, c.client_outcome, plog))
    for vantage, cli, path, _ in caps:
        if vantage in sc.clock_shift:
            shift_pcap(path, sc.clock_shift[vantage])
        write_sidecar(sc, vantage, cli, path, out_dir)
    write_correlation_sidecar(sc, out_dir)
    print("   clients: " + ", ".join("%d=%s(%.1fs)" % (k, v["outcome"], v["seconds"])
                                      for k, v in sorted(results.items())), flush=True)


def write_sidecar(sc, vantage, cli, path, out_dir):
    conns = []
    for c in sc.conns:
        if vantage == "client" and c.cli != cli:
            continue
        verdict, fault, rules = c.expectation(vantage)
        entry = dict(client=c.client_ep(vantage), server=ep(c.dst, c.dport), verdict=verdict, fault=fault,
                     rules=rules, cause=c.cause, protocol={"raw": "raw-9100", "lpd": "lpd", "ipp": "ipp"}[c.proto],
                     job=dict(name=c.job["name"], user=c.job["user"], language=jobs.job_language(c.job)))
        if c.pattern:
            entry["pattern"] = c.pattern
        if c.note:
            entry["note"] = c.note
        conns.append(entry)
    for scan in sc.scans:
        src = CLIENTS[scan.cli]["v4"]
        for host, port in scan.probes(vantage):
            conns.append(dict(client=ep(src, scan.sport), server=ep(host, port), verdict="probe", fault="none",
                              rules=[], cause="none", protocol=PRINTER_PORTS[port], probe=True, scanner=src,
                              note="nmap %s probe from %s, not a print job: no payload" % (scan.kind, src)))
    rel = os.path.relpath(path, out_dir)
    side = dict(capture=os.path.basename(path), vantage=vantage,
                made_by="testdata/generator/generate.py %s (%s); captured %s" % (sc.name, sc.title,
                                                                                 VANTAGE_WHERE[vantage]),
                scenario=sc.description)
    if sc.scans:
        side["scans"] = [dict(source=CLIENTS[scan.cli]["v4"], source_port=scan.sport, command=scan.command(),
                              hosts=[h for h in scan.hosts if vantage != "server" or h.startswith("10.99.2.")],
                              ports=scan.ports) for scan in sc.scans]
    side.update(sc.extra.get(vantage, {}))
    if vantage in sc.clock_shift:
        side["clock_shift_s"] = sc.clock_shift[vantage]
    side["connections"] = conns
    with open(path[:-len(".pcap")] + ".expected.json", "w") as f:
        json.dump(side, f, indent=2)
        f.write("\n")
    print("   wrote %s (%d bytes, %d connections)" % (rel, os.path.getsize(path), len(conns)), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.normpath(os.path.join(HERE, "..")), help="testdata directory")
    ap.add_argument("scenario", nargs="*", help="scenario ids (default: all)")
    ap.add_argument("--correlation-sidecars", action="store_true",
                    help="only write the correlation sidecars of the scenarios (from their definitions; no lab, no root)")
    a = ap.parse_args()
    if a.correlation_sidecars:
        all_sc = scenarios()
        for name in a.scenario or sorted(all_sc):
            write_correlation_sidecar(all_sc[name], a.out)
        return
    if os.geteuid() != 0:
        sys.exit("must run as root (network namespaces, nftables, tcpdump)")
    os.makedirs(os.path.join(a.out, "captures"), exist_ok=True)
    all_sc = scenarios()
    for name in a.scenario or sorted(all_sc):
        run_scenario(all_sc[name], a.out)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *x: sys.exit(1))  # let the Lab context manager clean up
    main()
