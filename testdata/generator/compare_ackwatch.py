#!/usr/bin/env python3
"""Lists where an ackwatch JSON report disagrees with the sidecars (ground truth). Read-only, informational:
sidecars are never changed from ackwatch output.

    ./ackwatch analyze --format json -o /tmp/report.json testdata
    python3 testdata/generator/compare_ackwatch.py /tmp/report.json [TESTDATA_DIR]
"""
import glob
import json
import os
import sys


def ep(e):
    if isinstance(e, str):
        return e
    a, p = e.get("address") or e.get("ip"), e.get("port")
    return ("[%s]:%s" if ":" in a else "%s:%s") % (a, p)


def main(report_path, testdata):
    report = json.load(open(report_path))
    by_file = {os.path.basename(c["file"]): c for c in report["captures"]}
    mismatches = total = 0
    for sc in sorted(glob.glob(os.path.join(testdata, "*.expected.json")) +
                     glob.glob(os.path.join(testdata, "captures", "*.expected.json"))):
        side = json.load(open(sc))
        cap = by_file.get(side["capture"])
        if cap is None:
            print("%s: not in the report" % side["capture"])
            mismatches += 1
            continue
        if cap.get("vantage") != side["vantage"]:
            print("%s: vantage %s, expected %s" % (side["capture"], cap.get("vantage"), side["vantage"]))
        flows = {(ep(f["client"]), ep(f["server"])): f for f in cap["flows"]}
        for conn in side["connections"]:
            total += 1
            f = flows.get((conn["client"], conn["server"]))
            if conn.get("probe"):  # a scan's probe is right when it is not judged as a print job
                if f is not None:
                    mismatches += 1
                    print("%s %s -> %s: a probe judged as a print job (%s/%s)" % (side["capture"], conn["client"],
                                                                                  conn["server"], f["verdict"],
                                                                                  f["fault"]))
                continue
            if f is None:
                print("%s %s: connection not judged" % (side["capture"], conn["client"]))
                mismatches += 1
                continue
            fired = {x.get("rule") or x.get("id") for x in f.get("findings", [])}
            diffs = []
            if f["verdict"] != conn["verdict"]:
                diffs.append("verdict %s (want %s)" % (f["verdict"], conn["verdict"]))
            if f["fault"] != conn["fault"]:
                diffs.append("fault %s (want %s)" % (f["fault"], conn["fault"]))
            missing = [r for r in conn["rules"] if r not in fired]
            if missing:
                diffs.append("rules not fired: %s" % ", ".join(missing))
            if diffs:
                mismatches += 1
                print("%s %s: %s; fired %s" % (side["capture"], conn["client"], "; ".join(diffs),
                                              ",".join(sorted(x for x in fired if x))))
    print("%d connections, %d disagree" % (total, mismatches))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else
         os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")))
