/**
 * Everything the CLI process writes to its terminal passes the one redaction (src/domain/redact.ts): our
 * lines and any library's (ioredis prints error objects carrying its AUTH arguments), so a password in
 * REDIS_URL is never printed, whatever prints it.
 */
import { redact } from "../domain/redact.ts";

let installed = false;

export function installOutputRedaction(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === "string") return write(redact(chunk), ...rest);
      if (chunk instanceof Uint8Array) return write(redact(Buffer.from(chunk).toString("utf8")), ...rest);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
