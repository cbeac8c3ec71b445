// Independent WARC reader for the tests: parses a .warc(.gz) with webrecorder's warcio and prints
// one JSON line per record, with the digests recomputed here (Node's crypto + RFC 4648 base32),
// so the C++ tests can compare what another implementation sees against what oitscan wrote.
// Usage: node warc_dump.mjs FILE   (exit 1 on any parser warning or error)
import fs from "node:fs";
import crypto from "node:crypto";
import base32Encode from "base32-encode";
import { WARCParser } from "warcio";

const file = process.argv[2];
if (!file) {
  console.error("usage: node warc_dump.mjs FILE");
  process.exit(2);
}

// warcio reports framing problems (a wrong Content-Length) as console warnings: make them fatal.
const warnings = [];
console.warn = (...args) => warnings.push(args.join(" "));

const sha1 = (bytes) => "sha1:" + base32Encode(crypto.createHash("sha1").update(bytes).digest(), "RFC4648");
const sha256 = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

// Pass 1: whole blocks (no HTTP parsing) for offsets and block digests.
const blocks = [];
{
  const parser = new WARCParser(fs.createReadStream(file), { parseHttp: false });
  for await (const record of parser) {
    const block = await record.readFully(false);
    blocks.push({ offset: parser.offset, block });
  }
}

// Pass 2: HTTP parsed, for status and the payload (the HTTP body, raw).
let i = 0;
{
  const parser = new WARCParser(fs.createReadStream(file));
  for await (const record of parser) {
    const h = (name) => record.warcHeader(name) ?? null;
    const payload = await record.readFully(false);
    const { offset, block } = blocks[i++];
    const out = {
      offset,
      type: record.warcType,
      version: record.warcHeaders.protocol,
      record_id: h("WARC-Record-ID"),
      target_uri: h("WARC-Target-URI"),
      date: h("WARC-Date"),
      content_type: h("Content-Type"),
      content_length: record.warcContentLength,
      block_length: block.length,
      block_digest: h("WARC-Block-Digest"),
      block_digest_ok: h("WARC-Block-Digest") === sha1(block),
      payload_digest: h("WARC-Payload-Digest"),
      payload_digest_ok: record.warcType === "revisit" ? null : h("WARC-Payload-Digest") === sha1(payload),
      payload_sha256: sha256(payload),
      payload_length: payload.length,
      http_status: record.httpHeaders ? Number(record.httpHeaders.statusCode) || null : null,
      refers_to: h("WARC-Refers-To"),
      refers_to_target_uri: h("WARC-Refers-To-Target-URI"),
      refers_to_date: h("WARC-Refers-To-Date"),
      concurrent_to: h("WARC-Concurrent-To"),
      profile: h("WARC-Profile"),
      truncated: h("WARC-Truncated"),
      warcinfo_id: h("WARC-Warcinfo-ID"),
    };
    if (record.warcType !== "response" && record.warcType !== "request" && record.warcType !== "revisit") {
      out.text = new TextDecoder("utf-8").decode(payload);
    }
    console.log(JSON.stringify(out));
  }
}

if (warnings.length > 0) {
  console.error("warcio warnings:\n" + warnings.join("\n"));
  process.exit(1);
}
