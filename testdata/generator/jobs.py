"""Print jobs whose name, user and language are known by construction.

Every job is deterministic: the same (kind, name, user, size, seed) gives the same bytes.
"""
import random

UEL = b"\x1b%-12345X"


def _filler_ps(rng, size):
    """PostScript page content: many small drawing commands, like a driver's output."""
    out = []
    n = 0
    while n < size:
        line = "%d %d moveto (%s) show %d %d lineto stroke\n" % (
            rng.randrange(36, 560), rng.randrange(36, 760),
            "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ") for _ in range(24)),
            rng.randrange(36, 560), rng.randrange(36, 760))
        out.append(line)
        n += len(line)
    return "".join(out).encode("ascii")


def _filler_pcl(rng, size):
    """PCL raster rows (compression mode 0), as a bitmap driver sends them."""
    out = bytearray()
    while len(out) < size:
        row = bytes(rng.getrandbits(8) for _ in range(96))
        out += b"\x1b*b%dW" % len(row) + row
    return bytes(out)


def _extra(lines):
    """PJL lines a scenario adds to a job's header (after @PJL JOB), each ended by CR LF."""
    return b"".join(line.encode("latin-1") + b"\r\n" for line in lines or [])


def postscript(name, user, size, seed, pjl=True, pjl_extra=None):
    rng = random.Random(seed)
    head = ("%%!PS-Adobe-3.0\n%%%%Title: %s\n%%%%For: %s\n%%%%Creator: ackwatch testdata generator\n"
            "%%%%Pages: 1\n%%%%EndComments\n%%%%Page: 1 1\n/Courier findfont 10 scalefont setfont\n"
            % (name, user)).encode("ascii")
    tail = b"showpage\n%%EOF\n"
    body = _filler_ps(rng, max(0, size - len(head) - len(tail) - (300 if pjl else 0)))
    ps = head + body + tail
    if not pjl:
        return ps
    return (UEL + b"@PJL JOB NAME=\"%s\"\r\n" % name.encode() + _extra(pjl_extra)
            + b"@PJL SET USERNAME=\"%s\"\r\n@PJL ENTER LANGUAGE=POSTSCRIPT\r\n" % user.encode() + ps + UEL + b"@PJL EOJ NAME=\"%s\"\r\n" % name.encode() + UEL)


def pcl(name, user, size, seed, pjl_extra=None):
    rng = random.Random(seed)
    head = (UEL + b"@PJL JOB NAME=\"%s\"\r\n" % name.encode() + _extra(pjl_extra)
            + b"@PJL SET USERNAME=\"%s\"\r\n@PJL ENTER LANGUAGE=PCL\r\n" % user.encode() + b"\x1bE\x1b&l0O\x1b*t300R\x1b*r0F\x1b*r1A")
    tail = b"\x1b*rB\x1bE" + UEL + b"@PJL EOJ NAME=\"%s\"\r\n" % name.encode() + UEL
    return head + _filler_pcl(rng, max(0, size - len(head) - len(tail))) + tail


def build(spec):
    """spec: {"language": "postscript"|"pcl"|"postscript-nopjl", "name", "user", "size", "seed"}"""
    lang = spec["language"]
    if lang == "postscript":
        return postscript(spec["name"], spec["user"], spec["size"], spec["seed"], pjl_extra=spec.get("pjl_extra"))
    if lang == "postscript-nopjl":
        return postscript(spec["name"], spec["user"], spec["size"], spec["seed"], pjl=False)
    if lang == "pcl":
        return pcl(spec["name"], spec["user"], spec["size"], spec["seed"], pjl_extra=spec.get("pjl_extra"))
    raise ValueError(lang)


def job_language(spec):
    """The language the job helper should report for the job's document."""
    return {"postscript": "postscript", "postscript-nopjl": "postscript", "pcl": "pcl"}[spec["language"]]


# ---------------------------------------------------------------- LPD (RFC 1179) and IPP (RFC 8010)
def lpd_control_file(host, user, name, data_name):
    return ("H%s\nP%s\nJ%s\nN%s\nldfA%s\nU%s\n" % (host, user, name, name, data_name, data_name)).encode("ascii")


def ipp_print_job(printer_uri, user, name, document, request_id=1):
    def attr(tag, key, value):
        k = key.encode()
        v = value.encode()
        return bytes([tag]) + len(k).to_bytes(2, "big") + k + len(v).to_bytes(2, "big") + v
    body = b"\x01\x01" + (0x0002).to_bytes(2, "big") + request_id.to_bytes(4, "big")
    body += b"\x01" + attr(0x47, "attributes-charset", "utf-8") + attr(0x48, "attributes-natural-language", "en")
    body += attr(0x45, "printer-uri", printer_uri) + attr(0x42, "requesting-user-name", user)
    body += attr(0x42, "job-name", name) + attr(0x49, "document-format", "application/postscript")
    body += b"\x03"
    return body + document
