#!/usr/bin/env python3
"""An auditor's check of one archived record, with nothing but Python's standard library.

Usage: warc_record_digest.py FILE.warc.gz OFFSET...

OFFSET is a record's byte offset (the history database keeps it: fetches.warc_offset). For each,
prints one JSON line with the record's declared digests next to the ones recomputed from its
bytes; exits 1 when any declared digest does not match.
"""
import base64
import hashlib
import json
import sys
import zlib


def read_member(path, offset):
    """Decompresses the single gzip member starting at offset (or reads plain WARC from there)."""
    with open(path, "rb") as f:
        f.seek(offset)
        first = f.read(2)
        f.seek(offset)
        if first != b"\x1f\x8b":
            return f.read()
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = b""
        while not inflater.eof:
            chunk = f.read(65536)
            if not chunk:
                raise SystemExit("file ends inside the gzip member")
            out += inflater.decompress(chunk)
        return out


def sha1_label(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def check(path, offset):
    record = read_member(path, offset)
    head, _, rest = record.partition(b"\r\n\r\n")
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.decode("utf-8").partition(":")
        fields.setdefault(name.strip().lower(), value.strip())
    block = rest[: int(fields["content-length"])]
    http = fields.get("content-type", "").startswith("application/http")
    payload = block.partition(b"\r\n\r\n")[2] if http else block
    result = {
        "offset": offset,
        "type": fields.get("warc-type"),
        "record_id": fields.get("warc-record-id"),
        "block_digest": fields.get("warc-block-digest"),
        "block_digest_computed": sha1_label(block),
        "payload_digest": fields.get("warc-payload-digest"),
        "payload_digest_computed": sha1_label(payload),
        "payload_sha256": fields.get("x-oitscan-payload-sha256"),
        "payload_sha256_computed": hashlib.sha256(payload).hexdigest(),
    }
    print(json.dumps(result))
    ok = result["block_digest"] in (None, result["block_digest_computed"])
    if result["type"] != "revisit":  # a revisit's payload digest is the referred record's
        ok = ok and result["payload_digest"] in (None, result["payload_digest_computed"])
        ok = ok and result["payload_sha256"] in (None, result["payload_sha256_computed"])
    return ok


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    results = [check(sys.argv[1], int(offset)) for offset in sys.argv[2:]]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
