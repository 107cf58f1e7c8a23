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


def J(name, user, language, size, seed):
    return dict(name=name, user=user, language=language, size=size, seed=seed)


class Conn:
    """One print connection: who, when, what job, what the printer does, and what each vantage must conclude.

    expect: {vantage: (verdict, fault, rules)}; vantage "middle" defaults to "client" (the mirror sits on the
    client side of the router, where the injected network faults happen).
    """

    def __init__(self, cli, sport, dst, dport, at, job, expect, cause="none", proto="raw", printer=None,
                 client_outcome="ok", abort_after=None, pattern=None, note=None):
        self.cli, self.sport, self.dst, self.dport, self.at, self.job = cli, sport, dst, dport, at, job
        self.expect, self.cause, self.proto, self.printer = expect, cause, proto, printer or {}
        self.client_outcome, self.abort_after, self.pattern, self.note = client_outcome, abort_after, pattern, note

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


class Scenario:
    def __init__(self, name, title, description, conns, captures, printer_nft="", switch_nft="", delays=None,
                 serial=False, settle=1.0, file_names=None, rcvbuf=8192):
        self.name, self.title, self.description, self.conns = name, title, description, conns
        self.captures, self.printer_nft, self.switch_nft = captures, printer_nft, switch_nft
        self.delays, self.serial, self.settle, self.file_names = delays or {}, serial, settle, file_names or {}
        self.rcvbuf = rcvbuf


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
    slow = {"client": ("degraded", "unknown", []), "server": ("degraded", "server", ["slow-ack"])}
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
               "server": ("degraded", "unknown", ["spurious-retransmission"])}
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
    return S


# ------------------------------------------------------------------------------------------------ running
def capture_point(vantage, cli):
    if vantage == "client":
        return CLIENTS[cli]["ns"], CLIENTS[cli]["ifc"]
    if vantage == "server":
        return lab.SW_NS, lab.SW_P
    return lab.SW_NS, lab.BR


SLUGS = {"s01": "healthy", "s02": "seed-failure", "s03": "seed-timeline", "s04": "refused-and-gone",
         "s05": "busy-zero-window", "s06": "lossy-network", "s07": "acks-lost", "s08": "resets", "s09": "ipv6"}
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
    with lab.Lab(with_delay_nic=bool(sc.delays), delays=sc.delays) as L:
        if sc.printer_nft:
            L.nft(lab.PRN_NS, sc.printer_nft)
        if sc.switch_nft:
            L.nft(lab.SW_NS, sc.switch_nft)
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
                                                      job=c.job, timeout=40, **({"abort_after": c.abort_after}
                                                                                if c.abort_after else {}))
                                                 for c in mine if c.src() == src])
                clients.append(L.spawn(CLIENTS[cli]["ns"], [PY, os.path.join(HERE, "client.py"), json.dumps(cfg)],
                                       "client " + cli, stdout=subprocess.PIPE))
        deadline = time.time() + 150
        for p in clients:
            out, err = p.communicate(timeout=max(1, deadline - time.time()))
            if p.returncode != 0:
                raise RuntimeError("client failed: %s" % err)
            for line in out.splitlines():
                r = json.loads(line)
                results[r["sport"]] = r
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
        write_sidecar(sc, vantage, cli, path, out_dir)
    print("   clients: " + ", ".join("%d=%s(%.1fs)" % (k, v["outcome"], v["seconds"])
                                      for k, v in sorted(results.items())), flush=True)


def write_sidecar(sc, vantage, cli, path, out_dir):
    conns = []
    for c in sc.conns:
        if vantage == "client" and c.cli != cli:
            continue
        verdict, fault, rules = c.expectation(vantage)
        entry = dict(client=ep(c.src(), c.sport), server=ep(c.dst, c.dport), verdict=verdict, fault=fault,
                     rules=rules, cause=c.cause, protocol={"raw": "raw-9100", "lpd": "lpd", "ipp": "ipp"}[c.proto],
                     job=dict(name=c.job["name"], user=c.job["user"], language=jobs.job_language(c.job)))
        if c.pattern:
            entry["pattern"] = c.pattern
        if c.note:
            entry["note"] = c.note
        conns.append(entry)
    rel = os.path.relpath(path, out_dir)
    side = dict(capture=os.path.basename(path), vantage=vantage,
                made_by="testdata/generator/generate.py %s (%s); captured %s" % (sc.name, sc.title,
                                                                                 VANTAGE_WHERE[vantage]),
                scenario=sc.description, connections=conns)
    with open(path[:-len(".pcap")] + ".expected.json", "w") as f:
        json.dump(side, f, indent=2)
        f.write("\n")
    print("   wrote %s (%d bytes, %d connections)" % (rel, os.path.getsize(path), len(conns)), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.normpath(os.path.join(HERE, "..")), help="testdata directory")
    ap.add_argument("scenario", nargs="*", help="scenario ids (default: all)")
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("must run as root (network namespaces, nftables, tcpdump)")
    os.makedirs(os.path.join(a.out, "captures"), exist_ok=True)
    all_sc = scenarios()
    for name in a.scenario or sorted(all_sc):
        run_scenario(all_sc[name], a.out)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *x: sys.exit(1))  # let the Lab context manager clean up
    main()
