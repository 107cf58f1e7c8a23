#!/usr/bin/env python3
"""Checks captures against their sidecars with tshark (independent of ackwatch).

    python3 testdata/generator/check.py [TESTDATA_DIR]              check every *.expected.json
    python3 testdata/generator/check.py --compare DIR_A DIR_B       check both, then compare the facts

For every capture: tshark reads it without error. For every connection in a sidecar: the connection exists
(a SYN from the client endpoint to the server endpoint), and each listed rule's by-construction evidence is
present (see RULE_EVIDENCE). Connections marked "pattern": "seed" must show the seed failure: handshake,
exactly two client data segments before the first retransmission, no server ACK covering client data, at least
three retransmissions of the first segment with growing gaps, RST from the server.
Connections of issue 16's patterns ("pattern": late-ack, late-ack-ts-echo, acks-lost, reset-before-end, slow-path,
sub-mss-stall),
"verdict": "incomplete" (the capture ends first), "probe": true (scan probes) and sidecars with a "relay" must
show what makes them so (see pattern_problems, verdict_problems, relay_problems).
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
          "tcp.analysis.out_of_order", "eth.src", "ip.id", "tcp.options.mss_val", "tcp.payload", "tcp.options.timestamp.tsval",
          "tcp.options.timestamp.tsecr"]


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
                 mac=v["eth.src"], ipid=v["ip.id"], mss=int(v["tcp.options.mss_val"] or 0),
                 payload=bytes.fromhex(v["tcp.payload"].replace(":", "")) if v.get("tcp.payload") else b"",
                 tsval=int(v["tcp.options.timestamp.tsval"]) if v.get("tcp.options.timestamp.tsval") else None,
                 tsecr=int(v["tcp.options.timestamp.tsecr"]) if v.get("tcp.options.timestamp.tsecr") else None)
        rows.append(r)
    return rows


def relay_copy(r, earlier):
    """A frame that repeats an earlier one (same IP ID, sequence and length) from another MAC: relayed, not resent."""
    return bool(r["ipid"]) and any(e["ipid"] == r["ipid"] and e["seq"] == r["seq"] and e["len"] == r["len"]
                                   and e["src"] == r["src"] and e["mac"] != r["mac"] for e in earlier)


def facts(rows, conn):
    """Facts about one sidecar connection, from tshark fields only."""
    c, s = conn["client"], conn["server"]
    capture_end = max((r["t"] for r in rows), default=0.0)
    mine = [r for r in rows if (r["src"], r["dst"]) in ((c, s), (s, c))]
    copies = [r for i, r in enumerate(mine) if relay_copy(r, mine[max(0, i - 64):i])]
    relayed = {id(r) for r in copies}
    streams = sorted({r["stream"] for r in mine})
    fc = [r for r in mine if r["src"] == c]
    fs = [r for r in mine if r["src"] == s]
    data = [r for r in fc if r["len"] > 0 and id(r) not in relayed]
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
        relay_copies=len(copies),
    )
    syn = next((r["t"] for r in fc if r["syn"] and not r["ackf"]), None)
    synack = next((r for r in fs if r["syn"] and r["ackf"]), None)
    f["syn_ack_delay"] = synack["t"] - syn if synack and syn is not None else None
    # the client's ACK of the SYN-ACK: the round trip beyond a printer-side capture point
    hs_ack = next((r for r in fc if synack and r["ackf"] and not r["syn"] and r["t"] >= synack["t"]), None)
    f["synack_answered_after"] = hs_ack["t"] - synack["t"] if hs_ack else None
    acks = [r["ack_rtt"] for r in fs if r["ack_rtt"] is not None and not r["syn"] and r["len"] == 0]
    f["min_server_ack_rtt"] = min(acks, default=None)
    f["ended"] = any(r["rst"] or r["fin"] for r in mine)
    rst = next((r for r in fs if r["rst"]), None)
    f["server_rst_acks_data"] = bool(rst and data and rst["ackf"] and rst["ack"] > 1)
    mss = next((r["mss"] for r in fc if r["syn"] and r["mss"]), 0)
    windows = [r["win"] for r in fs if not r["syn"] and r["win"] > 0]
    f["server_window_below_mss"] = bool(windows) and bool(mss) and max(windows) < mss
    last_end = max([r["seq"] + r["len"] for r in data], default=1)
    highest_ack = max([r["ack"] for r in fs if r["ackf"]], default=0)
    f["last_data_unacked_and_resent"] = bool(data) and highest_ack < last_end and sum(
        r["retrans"] for r in data if r["seq"] + r["len"] == last_end) >= 2
    f["server_silent_at_end"] = capture_end - max([r["t"] for r in fs], default=0.0)
    f["client_payload_bytes"] = sum(r["len"] for r in data)
    # at a printer-side point: did every ACK for new data leave within the 200 ms delayed-ACK ceiling (RFC 1122)?
    f["server_acks_prompt"] = bool(acks) and max(a for a in acks) < 0.2
    f["server_pure_ack_covers_data"] = any(r["ackf"] and not r["rst"] and r["ack"] > 1 for r in fs)
    head = b"".join(r["payload"] for r in data if not r["retrans"])[:65536]
    job = conn.get("job", {})
    f["job_name_and_user_in_client_bytes"] = bool(job) and job["name"].encode() in head and \
        job["user"].encode() in head
    rt = [r["t"] for r in data if r["retrans"] and r["seq"] == 1]
    first = next((r["t"] for r in data if r["seq"] == 1), None)
    gaps = [b - a for a, b in zip([first] + rt, rt)] if first is not None else []
    f["first_segment_resend_gaps_grow"] = len(gaps) >= 3 and all(b > a * 1.5 for a, b in zip(gaps, gaps[1:]))
    f["resend_acked_by_first_copy_echo"] = first_copy_echoed(data, fs)
    return f


def first_copy_echoed(data, fs):
    """RFC 3522 by tshark fields: a resent segment whose first covering printer ACK after the resend echoes
    (TSecr) the TSval of the segment's first copy, so the first copy had reached the printer."""
    for r in data:
        if not r["retrans"]:
            continue
        first = next((d for d in data if d["seq"] == r["seq"] and not d["retrans"]), None)
        ack = next((a for a in fs if a["ackf"] and a["t"] >= r["t"] and a["ack"] >= r["seq"] + r["len"]), None)
        if first and ack and first["tsval"] is not None and first["tsval"] != r["tsval"] \
                and ack["tsecr"] == first["tsval"]:
            return True
    return False


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


def pattern_problems(pattern, f, vantage):
    """By-construction evidence of issue 16's patterns, per capture point."""
    at_port = vantage == "server"
    checks = {
        "late-ack": [("SYN-ACK within 10 ms", f["syn_ack_delay"] is not None and f["syn_ack_delay"] < 0.01),
                     ("every data ACK >= 200 ms after its data", (f["min_server_ack_rtt"] or 0) >= 0.2),
                     ("a client retransmission", f["retransmissions"] > 0)],
        "acks-lost": ([("printer ACKs every segment within 200 ms", f["server_acks_prompt"]),
                       ("acknowledged segment resent >= 3 times", f["spurious"] >= 3)] if at_port else
                      [("no ACK covers client data", not f["server_pure_ack_covers_data"]),
                       ("resends with growing back-off", f["first_segment_resend_gaps_grow"])])
        + [("printer RST acknowledging the data", f["server_rst_acks_data"])],
        "reset-before-end": [("every byte sent acknowledged", f["server_acked_all"]),
                             ("printer RST", f["server_rst"]), ("zero window", f["server_zero_window"])],
        "slow-path": ([("SYN-ACK within 10 ms", f["syn_ack_delay"] is not None and f["syn_ack_delay"] < 0.01),
                       ("SYN-ACK answered >= 500 ms later", (f["synack_answered_after"] or 0) >= 0.5),
                       ("printer ACKs within 200 ms", f["server_acks_prompt"])] if at_port else
                      [("SYN-ACK >= 500 ms after the SYN", (f["syn_ack_delay"] or 0) >= 0.5),
                       ("data ACKs as slow as the SYN-ACK", (f["min_server_ack_rtt"] or 0) >= 0.5)]),
        "late-ack-ts-echo": [("SYN-ACK within 10 ms", f["syn_ack_delay"] is not None and f["syn_ack_delay"] < 0.01),
                             ("a data ACK >= 250 ms after its data", f["max_server_ack_rtt"] >= 0.25),
                             ("a resend whose covering ACK echoes its first copy's TSval",
                              f["resend_acked_by_first_copy_echo"])],
        "sub-mss-stall": [("printer window below the MSS throughout", f["server_window_below_mss"]),
                          ("last segment never acknowledged, resent >= 2 times", f["last_data_unacked_and_resent"]),
                          ("printer silent >= 8 s until the capture ends", f["server_silent_at_end"] >= 8.0)],
    }
    if pattern not in checks:
        return ["no tshark check for pattern %s" % pattern]
    return ["pattern %s: %s missing" % (pattern, what) for what, ok in checks[pattern] if not ok]


def verdict_problems(conn, f):
    if conn.get("probe"):
        return [] if f["client_payload_bytes"] == 0 else ["probe carries %d payload bytes" % f["client_payload_bytes"]]
    if conn["verdict"] == "incomplete":
        return [p for p, bad in (("no complete handshake", not f["handshake"]),
                                 ("no client data", not f["client_data_segments"]),
                                 ("the connection ends (FIN/RST) inside the capture", f["ended"])) if bad]
    return []


def relay_problems(side, results):
    """A relay sidecar: at the middle point every frame of a relayed connection has its copy from the relay's MAC."""
    relay = side.get("relay")
    if not relay or side["vantage"] != "middle":
        return []
    relayed = [f for f in results if f["relay_copies"]]
    return [] if relayed else ["relay %s: no relayed copies (same IP ID, other MAC) seen" % relay["mac"]]


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
                elif conn.get("pattern"):
                    errs += pattern_problems(conn["pattern"], f, side["vantage"])
                errs += verdict_problems(conn, f)
                for rule in conn["rules"]:
                    errs += rule_problems(rule, f, side["vantage"])
                if f["client_data_segments"] and not f["job_name_and_user_in_client_bytes"]:
                    errs.append("job name/user of the sidecar not in the client's bytes")
                if conn["verdict"] == "ok" and conn["fault"] == "none" and f["retransmissions"]:
                    errs.append("healthy connection has %d retransmissions" % f["retransmissions"])
            problems += ["%s: %s" % (key, e) for e in errs]
        problems += ["%s: %s" % (rel, e) for e in relay_problems(side, [results["%s %s->%s" % (rel, c["client"],
                                                                                                c["server"])]
                                                                         for c in side["connections"]])]
    return results, problems, {os.path.relpath(s, d): json.load(open(s)) for s in sidecars}


# facts that must not change between two runs of the generator (counts like retransmissions may vary)
STABLE = ["exists", "handshake", "syn_answered", "refused", "server_acked_data", "server_rst", "client_rst",
          "server_zero_window", "exactly_two_before_retrans", "ended", "server_rst_acks_data",
          "server_window_below_mss", "last_data_unacked_and_resent", "resend_acked_by_first_copy_echo"]


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
