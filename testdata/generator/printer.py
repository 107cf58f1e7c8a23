"""Printer emulator: raw 9100, minimal LPD (515) and IPP (631) servers on the real Linux TCP stack.

Run inside the printer namespace: printer.py CONFIG_JSON. Faults the emulator injects are chosen per client
source port (the generator uses fixed source ports), so each connection's fate is known in advance:
  {"rst_after": S}                 never read; abortive close (SO_LINGER 0 -> RST) S seconds after accept
  {"pause_after": B, "pause_s": S}  read B bytes, stop reading S seconds (window closes), then drain
  {"rst_at_eof": true}             read the whole job, then close abortively (RST instead of FIN)
  {"idle_rst": S}                  read; after S seconds without new data, close abortively (a job timeout)
  {"stall_after": B, "stall_rst": S}  read B bytes, never read again (the window closes for good), abortive
                                   close S seconds later (an engine jam, then the job is cancelled)
"serial": true makes the printer take one job at a time: a second connection is accepted by the kernel but not
read until the first one ends (its window fills and closes).
Writes one JSON line per connection to stdout.
"""
import json
import signal
import socket
import struct
import sys
import threading
import time

CFG = json.loads(sys.argv[1])
BEHAVIOUR = {int(k): v for k, v in CFG.get("behaviours", {}).items()}
JOB_LOCK = threading.Lock()
OUT_LOCK = threading.Lock()


def log(**kv):
    with OUT_LOCK:
        print(json.dumps(kv), flush=True)


def abort(conn):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def read_all(conn, beh):
    total = 0
    paused = False
    if "idle_rst" in beh:
        conn.settimeout(beh["idle_rst"])
    while True:
        if "stall_after" in beh and total >= beh["stall_after"]:
            time.sleep(beh["stall_rst"])
            abort(conn)
            return total, "printer-reset"
        try:
            d = conn.recv(min(4096, beh["stall_after"] - total) if "stall_after" in beh else 4096)
        except socket.timeout:
            abort(conn)
            return total, "printer-reset"
        except ConnectionResetError:
            return total, "client-reset"
        if not d:
            return total, "eof"
        total += len(d)
        if not paused and "pause_after" in beh and total >= beh["pause_after"]:
            paused = True
            time.sleep(beh["pause_s"])


def serve_raw(conn, peer, beh):
    if "rst_after" in beh:
        time.sleep(beh["rst_after"])
        abort(conn)
        return dict(outcome="printer-reset", bytes=0)
    if CFG.get("serial"):
        JOB_LOCK.acquire()
    try:
        n, how = read_all(conn, beh)
    finally:
        if CFG.get("serial"):
            JOB_LOCK.release()
    if how == "eof" and beh.get("rst_at_eof"):
        time.sleep(0.05)
        abort(conn)
        return dict(outcome="reset-after-job", bytes=n)
    conn.close()
    return dict(outcome=how, bytes=n)


def serve_lpd(conn, peer, beh):
    f = conn.makefile("rb")
    line = f.readline()
    if not line.startswith(b"\x02"):
        conn.close()
        return dict(outcome="bad-lpd", bytes=0)
    conn.sendall(b"\0")
    n = 0
    while True:
        sub = f.readline()
        if not sub:
            break
        if sub[:1] in (b"\x02", b"\x03"):
            count = int(sub[1:].split(b" ", 1)[0])
            conn.sendall(b"\0")
            data = f.read(count + 1)
            n += len(data)
            conn.sendall(b"\0")
        else:
            conn.sendall(b"\1")
    f.close()
    conn.close()
    return dict(outcome="eof", bytes=n)


def serve_ipp(conn, peer, beh):
    f = conn.makefile("rb")
    length = 0
    while True:
        h = f.readline()
        if not h or h in (b"\r\n", b"\n"):
            break
        if h.lower().startswith(b"content-length:"):
            length = int(h.split(b":", 1)[1])
    body = f.read(length)
    req_id = body[4:8] if len(body) >= 8 else b"\0\0\0\1"

    def attr(tag, key, value):
        return bytes([tag]) + struct.pack(">H", len(key)) + key + struct.pack(">H", len(value)) + value
    resp = (b"\x01\x01\x00\x00" + req_id + b"\x01" + attr(0x47, b"attributes-charset", b"utf-8")
            + attr(0x48, b"attributes-natural-language", b"en") + b"\x02" + attr(0x21, b"job-id", struct.pack(">i", 7))
            + attr(0x23, b"job-state", struct.pack(">i", 3)) + b"\x03")
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                 % len(resp) + resp)
    f.close()
    conn.close()
    return dict(outcome="eof", bytes=len(body))


SERVE = {"raw": serve_raw, "lpd": serve_lpd, "ipp": serve_ipp}


def handle(conn, peer, proto):
    beh = BEHAVIOUR.get(peer[1], {})
    try:
        res = SERVE[proto](conn, peer, beh)
    except OSError as e:
        res = dict(outcome="error", error=str(e))
    log(peer="%s:%d" % (peer[0], peer[1]), proto=proto, **res)


def listener(spec):
    fam = socket.AF_INET6 if ":" in spec["addr"] else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # small receive buffer like an embedded print server (the kernel doubles it)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, CFG.get("rcvbuf", 8192))
    s.bind((spec["addr"], spec["port"]))
    s.listen(8)
    return s


def accept_loop(s, spec):
    while True:
        conn, peer = s.accept()
        threading.Thread(target=handle, args=(conn, peer, spec["proto"]), daemon=True).start()


def main():
    signal.signal(signal.SIGINT, lambda *a: sys.exit(0))
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    for spec in CFG["listen"]:
        threading.Thread(target=accept_loop, args=(listener(spec), spec), daemon=True).start()
    log(ready=True)
    time.sleep(CFG.get("lifetime", 120))


if __name__ == "__main__":
    main()
