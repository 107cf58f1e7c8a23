"""Network-namespace lab: two Windows-like print clients, a router, a printer with an embedded-like stack.

Topology (all names start with "aw"; nothing outside the namespaces created here is touched):

    aw-cli1 (aw-c1) --\
                       aw-br (bridge, in aw-sw; "middle" capture point) -- router aw-sw -- aw-p0-sw --> printer
    aw-cli2 (aw-c2) --/                                                          ("printer port" capture)

    printer = aw-prn (aw-p0)                       when a printer ACK delay is needed:
                                                   aw-prn (aw-p0) -- aw-pnic (L2 delay forwarder) -- aw-sw
    when a slow path to cli1 is needed:            aw-cli1 (aw-c1) -- aw-cdly (L2 delay forwarder) -- aw-br
    when a relaying host is needed:                aw-rly (aw-rl, 02:99:00:01:00:66) on aw-br, with cli1's and the
                                                   router's neighbour entries for each other pointing at it
Addresses: clients 10.99.1.2/.3 and fd00:99:1::2/::3, router 10.99.1.1 / 10.99.2.1 (fd00:99:1::1 / fd00:99:2::1),
printer 10.99.2.9 (fd00:99:2::9), extra printer addresses 10.99.2.10 (no listener) and 10.99.2.11 (gone).
Neighbour entries are static, so no ARP/ND traffic appears in the captures.
"""
import os
import signal
import subprocess
import sys
import time

PY = sys.executable
HERE = os.path.dirname(os.path.abspath(__file__))

CLIENTS = {
    "cli1": dict(ns="aw-cli1", ifc="aw-c1", peer="aw-c1-sw", v4="10.99.1.2", v6="fd00:99:1::2", mac="02:99:00:01:00:02"),
    "cli2": dict(ns="aw-cli2", ifc="aw-c2", peer="aw-c2-sw", v4="10.99.1.3", v6="fd00:99:1::3", mac="02:99:00:01:00:03"),
}
SW_NS = "aw-sw"
PRN_NS = "aw-prn"
PNIC_NS = "aw-pnic"
BR = "aw-br"
BR_MAC = "02:99:00:01:00:01"
SW_P = "aw-p0-sw"          # router port facing the printer: the "printer switch port" capture point
SW_P_MAC = "02:99:00:02:00:01"
PRN_IF = "aw-p0"
PRN_MAC = "02:99:00:02:00:09"
PRINTER_V4 = "10.99.2.9"
PRINTER_V6 = "fd00:99:2::9"
CLOSED_V4 = "10.99.2.10"   # printer address with nothing listening on 9100 -> RST to SYN
GONE_V4 = "10.99.2.11"     # printer address whose SYNs are dropped -> SYN unanswered
PRINTER_EXTRA_V4 = [CLOSED_V4, GONE_V4]

CDLY_NS = "aw-cdly"        # slow path between cli1 and the switch (after the printer port, so not the printer)
RELAY_NS = "aw-rly"        # a host on the client LAN that relays cli1's traffic
RELAY_IF = "aw-rl"
RELAY_MAC = "02:99:00:01:00:66"

ALL_NS = [c["ns"] for c in CLIENTS.values()] + [SW_NS, PRN_NS, PNIC_NS, CDLY_NS, RELAY_NS]


def run(*args, check=True, quiet=False):
    p = subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise RuntimeError("command failed (%d): %s\n%s%s" % (p.returncode, " ".join(args), p.stdout, p.stderr))
    return p


def nsrun(ns, *args, check=True):
    return run("ip", "netns", "exec", ns, *args, check=check)


def sysctls(ns, pairs):
    for k, v in pairs:
        nsrun(ns, "sysctl", "-q", "-w", "%s=%s" % (k, v))


class Lab:
    """Builds the topology on enter and deletes every namespace it made on exit."""

    def __init__(self, with_delay_nic=False, delays=None, path_delays=None, relay_hold_ms=None, timestamps=False):
        self.with_delay_nic = with_delay_nic
        self.timestamps = timestamps             # True: clients and printer send RFC 7323 timestamps
        self.delays = delays or {}
        self.path_delays = path_delays or {}     # cli1 port -> hold spec for every frame towards cli1
        self.relay_hold_ms = relay_hold_ms       # None: no relaying host
        self.procs = []
        self.created = []

    # ---------------------------------------------------------------- setup
    def __enter__(self):
        try:
            self._build()
        except BaseException:
            self.teardown()
            raise
        return self

    def __exit__(self, *exc):
        self.teardown()
        return False

    def _addns(self, ns):
        run("ip", "netns", "add", ns)
        self.created.append(ns)
        nsrun(ns, "ip", "link", "set", "lo", "up")
        # quiet IPv6: no router solicitations, no DAD delay; every namespace uses fresh per-netns defaults
        sysctls(ns, [("net.ipv6.conf.default.accept_ra", 0), ("net.ipv6.conf.default.router_solicitations", 0),
                     ("net.ipv6.conf.default.accept_dad", 0), ("net.ipv6.conf.default.dad_transmits", 0),
                     ("net.ipv4.tcp_no_metrics_save", 1)])

    def _build(self):
        leftovers = [n for n in ALL_NS if n in run("ip", "netns", "list").stdout.split()]
        for n in leftovers:  # a previous run of this generator was killed hard
            run("ip", "netns", "del", n, check=False)
        for c in CLIENTS.values():
            self._addns(c["ns"])
        self._addns(SW_NS)
        self._addns(PRN_NS)
        for ns, wanted in ((PNIC_NS, self.with_delay_nic), (CDLY_NS, self.path_delays),
                           (RELAY_NS, self.relay_hold_ms is not None)):
            if wanted:
                self._addns(ns)
                sysctls(ns, [("net.ipv6.conf.default.disable_ipv6", 1), ("net.ipv6.conf.all.disable_ipv6", 1)])

        # router / switch
        sysctls(SW_NS, [("net.ipv4.ip_forward", 1), ("net.ipv6.conf.all.forwarding", 1),
                        ("net.ipv4.conf.all.send_redirects", 0), ("net.ipv4.conf.default.send_redirects", 0)])
        nsrun(SW_NS, "ip", "link", "add", BR, "address", BR_MAC, "type", "bridge", "stp_state", "0",
              "forward_delay", "0", "mcast_snooping", "0")
        nsrun(SW_NS, "ip", "addr", "add", "10.99.1.1/24", "dev", BR)
        nsrun(SW_NS, "ip", "addr", "add", "fd00:99:1::1/64", "dev", BR, "nodad")

        for name, c in CLIENTS.items():
            if name == "cli1" and self.path_delays:
                run("ip", "link", "add", c["ifc"], "netns", c["ns"], "address", c["mac"], "type", "veth",
                    "peer", "name", "aw-cd-c", "netns", CDLY_NS)
                run("ip", "link", "add", "aw-cd-s", "netns", CDLY_NS, "type", "veth",
                    "peer", "name", c["peer"], "netns", SW_NS)
                for ifc in ("aw-cd-c", "aw-cd-s"):
                    nsrun(CDLY_NS, "ip", "link", "set", ifc, "gso_max_segs", "1", "gso_max_size", "1500")
                    nsrun(CDLY_NS, "ip", "link", "set", ifc, "promisc", "on", "up")
            else:
                run("ip", "link", "add", c["ifc"], "netns", c["ns"], "address", c["mac"], "type", "veth",
                    "peer", "name", c["peer"], "netns", SW_NS)
            # one segment per frame on the wire, like a NIC without TSO (no 64 KB super-frames in captures)
            for ns, ifc in ((c["ns"], c["ifc"]), (SW_NS, c["peer"])):
                nsrun(ns, "ip", "link", "set", ifc, "gso_max_segs", "1", "gso_max_size", "1500")
            nsrun(SW_NS, "ip", "link", "set", c["peer"], "master", BR)
            nsrun(SW_NS, "ip", "link", "set", c["peer"], "up")
            ns = c["ns"]
            # Windows 2000/XP-like: no timestamps, no window scaling, SACK on; F-RTO and tail-loss probes off so the
            # first retransmission is a plain RTO retransmission of the first unacknowledged segment
            sysctls(ns, [("net.ipv4.tcp_timestamps", 0), ("net.ipv4.tcp_window_scaling", 0), ("net.ipv4.tcp_sack", 1),
                         ("net.ipv4.tcp_early_retrans", 0), ("net.ipv4.tcp_frto", 0),
                         ("net.ipv4.tcp_syn_linear_timeouts", 0),
                         ("net.ipv4.tcp_syn_retries", 2), ("net.ipv4.tcp_retries2", 6),
                         ("net.ipv4.tcp_ecn", 0)])
            nsrun(ns, "ip", "addr", "add", c["v4"] + "/24", "dev", c["ifc"])
            nsrun(ns, "ip", "addr", "add", c["v6"] + "/64", "dev", c["ifc"], "nodad")
            nsrun(ns, "ip", "link", "set", c["ifc"], "up")
            # initcwnd 2: exactly two segments before the first ACK; rto_min 500 ms: Windows-like 0.5/1/2/4 s backoff
            nsrun(ns, "ip", "route", "add", "10.99.2.0/24", "via", "10.99.1.1", "initcwnd", "2", "rto_min", "500ms")
            nsrun(ns, "ip", "-6", "route", "add", "fd00:99:2::/64", "via", "fd00:99:1::1", "initcwnd", "2",
                  "rto_min", "500ms")
            nsrun(ns, "ip", "neigh", "replace", "10.99.1.1", "lladdr", BR_MAC, "dev", c["ifc"], "nud", "permanent")
            nsrun(ns, "ip", "-6", "neigh", "replace", "fd00:99:1::1", "lladdr", BR_MAC, "dev", c["ifc"], "nud",
                  "permanent")
            nsrun(SW_NS, "ip", "neigh", "replace", c["v4"], "lladdr", c["mac"], "dev", BR, "nud", "permanent")
            nsrun(SW_NS, "ip", "-6", "neigh", "replace", c["v6"], "lladdr", c["mac"], "dev", BR, "nud", "permanent")
        if self.relay_hold_ms is not None:
            run("ip", "link", "add", RELAY_IF, "netns", RELAY_NS, "address", RELAY_MAC, "type", "veth",
                "peer", "name", "aw-rl-sw", "netns", SW_NS)
            nsrun(RELAY_NS, "ip", "link", "set", RELAY_IF, "gso_max_segs", "1", "gso_max_size", "1500")
            nsrun(SW_NS, "ip", "link", "set", "aw-rl-sw", "gso_max_segs", "1", "gso_max_size", "1500")
            nsrun(SW_NS, "ip", "link", "set", "aw-rl-sw", "master", BR)
            nsrun(SW_NS, "ip", "link", "set", "aw-rl-sw", "up")
            nsrun(RELAY_NS, "ip", "link", "set", RELAY_IF, "up")
            # what spoofed ARP replies achieve: cli1 and the router send each other's IPv4 frames to the relay
            c1 = CLIENTS["cli1"]
            nsrun(c1["ns"], "ip", "neigh", "replace", "10.99.1.1", "lladdr", RELAY_MAC, "dev", c1["ifc"], "nud",
                  "permanent")
            nsrun(SW_NS, "ip", "neigh", "replace", c1["v4"], "lladdr", RELAY_MAC, "dev", BR, "nud", "permanent")
        nsrun(SW_NS, "ip", "link", "set", BR, "up")

        # printer link, optionally through the delay "NIC"
        if self.with_delay_nic:
            run("ip", "link", "add", PRN_IF, "netns", PRN_NS, "address", PRN_MAC, "type", "veth",
                "peer", "name", "aw-pn-in", "netns", PNIC_NS)
            run("ip", "link", "add", "aw-pn-out", "netns", PNIC_NS, "type", "veth",
                "peer", "name", SW_P, "netns", SW_NS, "address", SW_P_MAC)
            for ifc in ("aw-pn-in", "aw-pn-out"):
                nsrun(PNIC_NS, "ip", "link", "set", ifc, "gso_max_segs", "1", "gso_max_size", "1500")
                nsrun(PNIC_NS, "ip", "link", "set", ifc, "promisc", "on", "up")
        else:
            run("ip", "link", "add", PRN_IF, "netns", PRN_NS, "address", PRN_MAC, "type", "veth",
                "peer", "name", SW_P, "netns", SW_NS, "address", SW_P_MAC)
        nsrun(PRN_NS, "ip", "link", "set", PRN_IF, "gso_max_segs", "1", "gso_max_size", "1500")
        nsrun(SW_NS, "ip", "link", "set", SW_P, "gso_max_segs", "1", "gso_max_size", "1500")
        nsrun(SW_NS, "ip", "addr", "add", "10.99.2.1/24", "dev", SW_P)
        nsrun(SW_NS, "ip", "addr", "add", "fd00:99:2::1/64", "dev", SW_P, "nodad")
        nsrun(SW_NS, "ip", "link", "set", SW_P, "up")

        # small embedded stack: no SACK, no timestamps, no window scaling
        sysctls(PRN_NS, [("net.ipv4.tcp_sack", 0), ("net.ipv4.tcp_timestamps", 0), ("net.ipv4.tcp_window_scaling", 0),
                         ("net.ipv4.tcp_early_retrans", 0), ("net.ipv4.tcp_ecn", 0)])
        if self.timestamps:
            # a modern printer and Windows 10-like clients: the one change from the old stacks above
            for ns in [c["ns"] for c in CLIENTS.values()] + [PRN_NS]:
                sysctls(ns, [("net.ipv4.tcp_timestamps", 1)])
        for a in [PRINTER_V4] + PRINTER_EXTRA_V4:
            nsrun(PRN_NS, "ip", "addr", "add", a + "/24", "dev", PRN_IF)
            nsrun(SW_NS, "ip", "neigh", "replace", a, "lladdr", PRN_MAC, "dev", SW_P, "nud", "permanent")
        nsrun(PRN_NS, "ip", "addr", "add", PRINTER_V6 + "/64", "dev", PRN_IF, "nodad")
        nsrun(SW_NS, "ip", "-6", "neigh", "replace", PRINTER_V6, "lladdr", PRN_MAC, "dev", SW_P, "nud", "permanent")
        nsrun(PRN_NS, "ip", "link", "set", PRN_IF, "up")
        nsrun(PRN_NS, "ip", "route", "add", "default", "via", "10.99.2.1")
        nsrun(PRN_NS, "ip", "-6", "route", "add", "default", "via", "fd00:99:2::1")
        nsrun(PRN_NS, "ip", "neigh", "replace", "10.99.2.1", "lladdr", SW_P_MAC, "dev", PRN_IF, "nud", "permanent")
        nsrun(PRN_NS, "ip", "-6", "neigh", "replace", "fd00:99:2::1", "lladdr", SW_P_MAC, "dev", PRN_IF, "nud",
              "permanent")

        # let interface-up chatter (MLD reports) die down before anything is captured
        time.sleep(2.5)
        if self.with_delay_nic:
            import json
            self.spawn(PNIC_NS, [PY, os.path.join(HERE, "l2delay.py"), "aw-pn-in", "aw-pn-out",
                                 json.dumps({str(k): v for k, v in self.delays.items()})], name="l2delay")
            time.sleep(0.3)
        if self.path_delays:
            import json
            self.spawn(CDLY_NS, [PY, os.path.join(HERE, "l2delay.py"), "aw-cd-s", "aw-cd-c",
                                 json.dumps({str(k): v for k, v in self.path_delays.items()})], name="path delay")
            time.sleep(0.3)
        if self.relay_hold_ms is not None:
            import json
            self.spawn(RELAY_NS, [PY, os.path.join(HERE, "relay.py"), RELAY_IF, RELAY_MAC,
                                  json.dumps({c["v4"]: c["mac"] for c in CLIENTS.values()}), BR_MAC,
                                  str(self.relay_hold_ms)], name="relay")
            time.sleep(0.3)

    # ---------------------------------------------------------------- processes
    def spawn(self, ns, argv, name, stdout=None):
        # every packet source on one CPU: with two CPUs feeding the veth backlogs, frames of one connection get
        # reordered inside the router, which a real wire does not do
        p = subprocess.Popen(["ip", "netns", "exec", ns, "taskset", "-c", "0"] + argv, stdout=stdout or subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
        p.aw_name = name
        self.procs.append(p)
        return p

    def capture(self, ns, ifc, path):
        """Starts tcpdump and waits until it is listening, so the first packets are not missed."""
        if os.path.exists(path):
            os.unlink(path)
        p = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump", "-i", ifc, "-w", path, "-s", "2048", "-B", "16384",
                              "-n", "-U"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        p.aw_name = "tcpdump " + path
        self.procs.append(p)
        deadline = time.time() + 10
        line = ""
        while time.time() < deadline:
            line = p.stderr.readline()
            if "listening on" in line:
                return p
            if p.poll() is not None:
                break
        raise RuntimeError("tcpdump did not start on %s/%s: %s" % (ns, ifc, line))

    def stop(self, p, sig=signal.SIGINT, timeout=10):
        if p.poll() is None:
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()

    def teardown(self):
        for p in reversed(self.procs):
            try:
                self.stop(p, timeout=5)
            except Exception:
                pass
        self.procs = []
        for ns in reversed(self.created):
            run("ip", "netns", "del", ns, check=False)
        self.created = []

    # ---------------------------------------------------------------- faults
    def nft(self, ns, ruleset):
        p = subprocess.run(["ip", "netns", "exec", ns, "nft", "-f", "-"], input=ruleset, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise RuntimeError("nft failed in %s: %s\n%s" % (ns, p.stderr, ruleset))
