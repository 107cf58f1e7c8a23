"""Print client: sends the jobs of one client host from fixed source ports at fixed times.

Run inside a client namespace: client.py CONFIG_JSON. CONFIG: {"t0": epoch seconds, "src": address,
"jobs": [{"sport", "dst", "dport", "proto": "raw"|"lpd"|"ipp", "at": seconds after t0, "job": jobs.build spec,
"abort_after": bytes (optional: send that much, then abort with RST), "pace": [bytes, seconds] (optional: send
that many bytes at a time with that pause between, like a driver rendering while it spools), "urgent_after": bytes
(optional: after that much of the job, one byte "!" sent as TCP urgent data, MSG_OOB), "timeout": seconds}]}
Prints one JSON line per job with what happened.
"""
import json
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jobs  # noqa: E402

CFG = json.loads(sys.argv[1])


def connect(job):
    fam = socket.AF_INET6 if ":" in job["dst"] else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((CFG["src"], job["sport"]))
    s.settimeout(job.get("timeout", 30))
    s.connect((job["dst"], job["dport"]))
    return s


def expect_ack(s):
    a = s.recv(1)
    if a != b"\0":
        raise OSError("lpd negative ack %r" % a)


def send_raw(s, job, data):
    if "abort_after" in job:
        s.sendall(data[:job["abort_after"]])
        time.sleep(0.3)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        return "aborted"
    if "urgent_after" in job:
        n = job["urgent_after"]
        s.sendall(data[:n])
        s.send(b"!", socket.MSG_OOB)  # the receiver's stream skips it (SO_OOBINLINE off): the job stays intact
        s.sendall(data[n:])
    elif "pace" in job:
        step, pause = job["pace"]
        for i in range(0, len(data), step):
            s.sendall(data[i:i + step])
            time.sleep(pause)
    else:
        s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    while s.recv(4096):
        pass
    s.close()
    return "ok"


def send_lpd(s, job, data):
    spec = job["job"]
    host = "wkst%d" % job["sport"]
    queue = job.get("queue", "raw")
    ctl = jobs.lpd_control_file(host, spec["user"], spec["name"], "dfA001" + host)
    s.sendall(b"\x02%s\n" % queue.encode())
    expect_ack(s)
    s.sendall(b"\x02%d cfA001%s\n" % (len(ctl), host.encode()))
    expect_ack(s)
    s.sendall(ctl + b"\0")
    expect_ack(s)
    s.sendall(b"\x03%d dfA001%s\n" % (len(data), host.encode()))
    expect_ack(s)
    s.sendall(data + b"\0")
    expect_ack(s)
    s.close()
    return "ok"


def send_ipp(s, job, data):
    spec = job["job"]
    host = "[%s]" % job["dst"] if ":" in job["dst"] else job["dst"]
    uri = "ipp://%s:%d/ipp/print" % (host, job["dport"])
    body = jobs.ipp_print_job(uri, spec["user"], spec["name"], data)
    s.sendall(b"POST /ipp/print HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/ipp\r\nContent-Length: %d\r\n"
              b"Connection: close\r\n\r\n" % (host.encode(), job["dport"], len(body)) + body)
    resp = b""
    while True:
        d = s.recv(4096)
        if not d:
            break
        resp += d
    s.close()
    return "ok" if resp.startswith(b"HTTP/1.1 200") else "bad-response"


SEND = {"raw": send_raw, "lpd": send_lpd, "ipp": send_ipp}


def main():
    for job in sorted(CFG["jobs"], key=lambda j: j["at"]):
        wait = CFG["t0"] + job["at"] - time.time()
        if wait > 0:
            time.sleep(wait)
        data = jobs.build(job["job"])
        start = time.time()
        try:
            s = connect(job)
            outcome = SEND[job.get("proto", "raw")](s, job, data)
        except ConnectionRefusedError:
            outcome = "refused"
        except ConnectionResetError:
            outcome = "reset"
        except (socket.timeout, TimeoutError):
            outcome = "timeout"
        except OSError as e:
            outcome = "error: %s" % e
        print(json.dumps(dict(sport=job["sport"], outcome=outcome, seconds=round(time.time() - start, 2),
                              size=len(data))), flush=True)


if __name__ == "__main__":
    main()
