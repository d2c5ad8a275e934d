/**
 * Decoded-size check of a PDF's compressed streams before pdf.js sees the file. pdf.js inflates a stream into
 * one growing buffer with no size limit, so a few MB of zeros deflated (a "flate bomb") becomes GBs of memory;
 * its `maxImageSize` only covers images whose declared size is too large. Every stream body that starts like
 * zlib data is inflated here into a counter (nothing kept), a nested zlib layer too, and the file is refused as
 * soon as one stream or all of them together decode to more than the limits. The dictionary before a stream is
 * not trusted or parsed: what decides is whether the bytes inflate.
 */
import { constants, createInflate, inflateSync } from "node:zlib";
import { InputError } from "../domain/errors.ts";

export interface StreamCaps {
  maxStreamBytes: number;
  maxDecodedBytes: number;
}

/** A stream under this decoded size is inflated in one synchronous call (most fonts and content streams). */
const QUICK_BYTES = 4 * 1024 * 1024;
/** Layers of zlib inside zlib followed (a filter chain [/FlateDecode /FlateDecode]). */
const MAX_DEPTH = 3;

function looksLikeZlib(b: Uint8Array): boolean {
  if (b.length < 2) return false;
  const cmf = b[0] ?? 0;
  const flg = b[1] ?? 0;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** Decoded bytes of `data` (all nested zlib layers counted), or `Infinity` once past `cap`. Corrupt data
 * counts what inflated before the damage, as pdf.js keeps that much. */
async function decodedSize(data: Uint8Array, cap: number, depth = 0): Promise<number> {
  try {
    const out = inflateSync(data, { maxOutputLength: Math.min(cap, QUICK_BYTES) + 1 });
    if (out.length > cap) return Number.POSITIVE_INFINITY;
    if (depth < MAX_DEPTH && looksLikeZlib(out)) {
      return out.length + (await decodedSize(out, cap - out.length, depth + 1));
    }
    return out.length;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ERR_BUFFER_TOO_LARGE") return 0;
  }
  return streamedSize(data, cap, depth);
}

/** Inflates in chunks into a counter: memory stays at one chunk whatever the stream decodes to. */
function streamedSize(data: Uint8Array, cap: number, depth: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: 256 * 1024 });
    let total = 0;
    let nested: ReturnType<typeof createInflate> | null = null;
    let nestedTotal = 0;
    let settled = false;
    const finish = (n: number) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      nested?.destroy();
      resolve(n);
    };
    const check = () => {
      if (total + nestedTotal > cap) finish(Number.POSITIVE_INFINITY);
    };
    inflate.on("data", (chunk: Buffer) => {
      if (total === 0 && depth < MAX_DEPTH && looksLikeZlib(chunk)) {
        nested = createInflate({ chunkSize: 256 * 1024, finishFlush: constants.Z_SYNC_FLUSH });
        nested.on("data", (c: Buffer) => {
          nestedTotal += c.length;
          check();
        });
        nested.on("error", () => undefined);
      }
      total += chunk.length;
      nested?.write(chunk);
      check();
    });
    inflate.on("error", () => finish(total + nestedTotal));
    inflate.on("end", () => {
      if (!nested) return finish(total);
      nested.on("end", () => finish(total + nestedTotal));
      nested.on("error", () => finish(total + nestedTotal));
      nested.end();
    });
    inflate.end(data);
  });
}

/** Byte ranges of every stream body: after `stream` + EOL, up to the next `endstream` (lengths are not trusted). */
function* streamBodies(buf: Buffer): Generator<Uint8Array> {
  let at = 0;
  for (;;) {
    const k = buf.indexOf("stream", at, "latin1");
    if (k < 0) return;
    at = k + 6;
    if (k >= 3 && buf.toString("latin1", k - 3, k) === "end") continue;
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && buf[at] !== 0x0d) continue;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf("endstream", start, "latin1");
    if (end < 0) return;
    at = end + 9;
    yield buf.subarray(start, end);
  }
}

/** Throws PDF_RESOURCE_LIMIT when one stream or all together decode to more than the limits. */
export async function checkDecodedSizes(bytes: Uint8Array, caps: StreamCaps): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let index = 0;
  for (const body of streamBodies(buf)) {
    index++;
    if (!looksLikeZlib(body)) continue;
    const size = await decodedSize(body, Math.min(caps.maxStreamBytes, caps.maxDecodedBytes - total));
    if (!Number.isFinite(size)) {
      const over = total > 0 && caps.maxDecodedBytes - total < caps.maxStreamBytes;
      throw new InputError(
        "PDF_RESOURCE_LIMIT",
        over
          ? `the PDF's compressed streams decode to more than ${caps.maxDecodedBytes} bytes together`
          : `compressed stream ${index} of the PDF decodes to more than ${caps.maxStreamBytes} bytes`,
        "limits.maxStreamBytes and limits.maxDecodedBytes set these limits",
      );
    }
    total += size;
  }
}
