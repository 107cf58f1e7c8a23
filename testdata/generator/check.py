#!/usr/bin/env python3
"""Checks captures against their sidecars with tshark (independent of ackwatch).

    python3 testdata/generator/check.py [TESTDATA_DIR]              check every *.expected.json
    python3 testdata/generator/check.py --compare DIR_A DIR_B       check both, then compare the facts

For every capture: tshark reads it without error. For every connection in a sidecar: the connection exists
(a SYN from the client endpoint to the server endpoint), and each listed rule's by-construction evidence is
present (see RULE_EVIDENCE). Connections marked "pattern": "seed" must show the seed failure: handshake,
exactly two client data segments before the first retransmission, no server ACK covering client data, at least
three retransmissions of the first segment with growing gaps, RST from the server.
--compare also requires both directories to hold the same sidecars and the same per-connection facts.
"""
import glob
import json
import os
import subprocess
import sys

FIELDS = ["frame.number", "frame.time_relative", "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "ip.dst",
          "ipv6.dst", "tcp.dstport", "tcp.flags.syn", "tcp.flags.ack", "tcp.flags.reset", "tcp.flags.fin",
          "tcp.seq", "tcp.ack", "tcp.len", "tcp.window_size_value", "tcp.analysis.retransmission",
          "tcp.analysis.spurious_retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.duplicate_ack",
          "tcp.analysis.zero_window", "tcp.analysis.ack_rtt", "tcp.analysis.lost_segment",
          "tcp.analysis.out_of_order", "tcp.payload"]


def ep(addr, port):
    return ("[%s]:%s" if ":" in addr else "%s:%s") % (addr, port)


def read(path):
    p = subprocess.run(["tshark", "-n", "-r", path, "-Y", "tcp", "-T", "fields", "-E", "separator=/t",
                        "-E", "occurrence=f"] + sum((["-e", f] for f in FIELDS), []),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errs = [l for l in p.stderr.splitlines() if "Running as user" not in l and "dangerous" not in l and l.strip()]
    if p.returncode != 0 or errs:
        raise AssertionError("tshark cannot read %s: %s" % (path, "; ".join(errs)))
    rows = []
    for line in p.stdout.splitlines():
        v = dict(zip(FIELDS, line.split("\t")))
        r = dict(frame=int(v["frame.number"]), t=float(v["frame.time_relative"]), stream=int(v["tcp.stream"]),
                 src=ep(v["ip.src"] or v["ipv6.src"], v["tcp.srcport"]),
                 dst=ep(v["ip.dst"] or v["ipv6.dst"], v["tcp.dstport"]),
                 syn=v["tcp.flags.syn"] in ("1", "True"), ackf=v["tcp.flags.ack"] in ("1", "True"),
                 rst=v["tcp.flags.reset"] in ("1", "True"), fin=v["tcp.flags.fin"] in ("1", "True"),
                 seq=int(v["tcp.seq"] or 0), ack=int(v["tcp.ack"] or 0), len=int(v["tcp.len"] or 0),
                 win=int(v["tcp.window_size_value"] or 0),
                 retrans=bool(v["tcp.analysis.retransmission"]),
                 spurious=bool(v["tcp.analysis.spurious_retransmission"]),
                 fast=bool(v["tcp.analysis.fast_retransmission"]), dup=bool(v["tcp.analysis.duplicate_ack"]),
                 zero=bool(v["tcp.analysis.zero_window"]), lost=bool(v["tcp.analysis.lost_segment"]),
                 ooo=bool(v["tcp.analysis.out_of_order"]),
                 ack_rtt=float(v["tcp.analysis.ack_rtt"]) if v["tcp.analysis.ack_rtt"] else None,
                 payload=bytes.fromhex(v["tcp.payload"].replace(":", "")) if v.get("tcp.payload") else b"")
        rows.append(r)
    return rows


def facts(rows, conn):
    """Facts about one sidecar connection, from tshark fields only."""
    c, s = conn["client"], conn["server"]
    mine = [r for r in rows if (r["src"], r["dst"]) in ((c, s), (s, c))]
    streams = sorted({r["stream"] for r in mine})
    fc = [r for r in mine if r["src"] == c]
    fs = [r for r in mine if r["src"] == s]
    data = [r for r in fc if r["len"] > 0]
    first_retrans = next((i for i, r in enumerate(data) if r["retrans"]), None)
    max_client_end = max([r["seq"] + r["len"] for r in data], default=1)
    f = dict(
        exists=any(r["syn"] and not r["ackf"] for r in fc),
        streams=len(streams),
        handshake=any(r["syn"] and not r["ackf"] for r in fc) and any(r["syn"] and r["ackf"] for r in fs),
        syn_answered=bool(fs),
        refused=any(r["rst"] for r in fs) and not any(r["syn"] for r in fs),
        client_data_segments=len(data),
        data_before_first_retrans=(len(data) if first_retrans is None else
                                   len([r for r in data[:first_retrans] if not r["retrans"]])),
        retransmissions=sum(r["retrans"] for r in data),
        exactly_two_before_retrans=first_retrans is not None and len([r for r in data[:first_retrans]
                                                                      if not r["retrans"]]) == 2,
        server_acked_data=any(r["ackf"] and r["ack"] > 1 for r in fs),
        server_acked_all=bool(data) and max(r["ack"] for r in fs if r["ackf"]) >= max_client_end
        if any(r["ackf"] for r in fs) else False,
        server_rst=any(r["rst"] for r in fs),
        client_rst=any(r["rst"] for r in fc),
        server_zero_window=any(r["zero"] for r in fs),
        dup_acks=sum(r["dup"] for r in fs),
        spurious=sum(r["spurious"] for r in fc),
        gap_at_receiver=any(r["lost"] or r["ooo"] for r in fc),
        max_server_ack_rtt=max([r["ack_rtt"] for r in fs if r["ack_rtt"] is not None and not r["syn"]], default=0),
    )
    head = b"".join(r["payload"] for r in data if not r["retrans"])[:65536]
    job = conn.get("job", {})
    f["job_name_and_user_in_client_bytes"] = bool(job) and job["name"].encode() in head and \
        job["user"].encode() in head
    rt = [r["t"] for r in data if r["retrans"] and r["seq"] == 1]
    first = next((r["t"] for r in data if r["seq"] == 1), None)
    gaps = [b - a for a, b in zip([first] + rt, rt)] if first is not None else []
    f["first_segment_resend_gaps_grow"] = len(gaps) >= 3 and all(b > a * 1.5 for a, b in zip(gaps, gaps[1:]))
    return f


def seed_problems(f):
    p = []
    if not f["handshake"]:
        p.append("no complete handshake")
    if f["data_before_first_retrans"] != 2:
        p.append("%d client data segments before the first retransmission, want 2" % f["data_before_first_retrans"])
    if f["server_acked_data"]:
        p.append("server ACKed client data")
    if not f["first_segment_resend_gaps_grow"]:
        p.append("no >= 3 retransmissions with growing back-off")
    if not f["server_rst"]:
        p.append("no RST from the server")
    return p


def rule_problems(rule, f, vantage):
    """By-construction evidence of each rule as tshark shows it; vantage-dependent where it must be."""
    checks = {
        "missing-ack-after-two-segments": lambda: f["data_before_first_retrans"] == 2,
        "printer-reset": lambda: f["server_rst"],
        "connection-refused": lambda: f["refused"],
        "syn-unanswered": lambda: f["exists"] and not f["syn_answered"],
        "client-reset": lambda: f["client_rst"],
        "zero-window": lambda: f["server_zero_window"],
        "slow-ack": lambda: f["max_server_ack_rtt"] > 0.5,
        "packet-loss": lambda: (f["gap_at_receiver"] if vantage == "server" else f["dup_acks"] > 0)
        and f["retransmissions"] > 0,
        "spurious-retransmission": lambda: f["spurious"] > 0,
    }
    if rule not in checks:
        return ["no tshark check for rule %s" % rule]
    return [] if checks[rule]() else ["rule %s: evidence missing" % rule]


def check_dir(d):
    results, problems = {}, []
    sidecars = sorted(glob.glob(os.path.join(d, "*.expected.json")) + glob.glob(os.path.join(d, "captures",
                                                                                               "*.expected.json")))
    if not sidecars:
        problems.append("no sidecars in %s" % d)
    for sc in sidecars:
        side = json.load(open(sc))
        pcap = os.path.join(os.path.dirname(sc), side["capture"])
        rel = os.path.relpath(pcap, d)
        try:
            rows = read(pcap)
        except AssertionError as e:
            problems.append(str(e))
            continue
        for conn in side["connections"]:
            key = "%s %s->%s" % (rel, conn["client"], conn["server"])
            f = facts(rows, conn)
            results[key] = f
            errs = [] if f["exists"] else ["connection not in capture"]
            if f["exists"]:
                if conn.get("pattern") == "seed":
                    errs += seed_problems(f)
                for rule in conn["rules"]:
                    errs += rule_problems(rule, f, side["vantage"])
                if f["client_data_segments"] and not f["job_name_and_user_in_client_bytes"]:
                    errs.append("job name/user of the sidecar not in the client's bytes")
                if conn["verdict"] == "ok" and conn["fault"] == "none" and f["retransmissions"]:
                    errs.append("healthy connection has %d retransmissions" % f["retransmissions"])
            problems += ["%s: %s" % (key, e) for e in errs]
    return results, problems, {os.path.relpath(s, d): json.load(open(s)) for s in sidecars}


# facts that must not change between two runs of the generator (counts like retransmissions may vary)
STABLE = ["exists", "handshake", "syn_answered", "refused", "server_acked_data", "server_rst", "client_rst",
          "server_zero_window", "exactly_two_before_retrans"]


def main(argv):
    if argv[:1] == ["--compare"]:
        a, b = argv[1], argv[2]
        ra, pa, sa = check_dir(a)
        rb, pb, sb = check_dir(b)
        problems = ["A " + p for p in pa] + ["B " + p for p in pb]
        if sa != sb:
            problems.append("sidecars differ between %s and %s" % (a, b))
        for k in sorted(set(ra) | set(rb)):
            if k not in ra or k not in rb:
                problems.append("%s only in one run" % k)
                continue
            diff = [f for f in STABLE if ra[k][f] != rb[k][f]]
            if diff:
                problems.append("%s differs: %s" % (k, ", ".join("%s %s/%s" % (f, ra[k][f], rb[k][f]) for f in diff)))
        n = len(ra)
    else:
        d = argv[0] if argv else os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        r, problems, _ = check_dir(d)
        n = len(r)
    for p in problems:
        print("FAIL " + p)
    print("%d connections checked, %d problems" % (n, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
