import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/** sha256 of a regular file. Anything else (a FIFO, /dev/zero, a socket) is refused rather than read: reading
 * it could block or never end, and openDocument rejects it anyway (INPUT_UNSUPPORTED). */
export async function sha256File(file: string): Promise<string> {
  if (!(await stat(file)).isFile()) throw new Error(`${file} is not a regular file`);
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
