import cliProgress from "cli-progress";
import type { ProgressEvent } from "../pipeline/runner.ts";

export interface ProgressView {
  onEvent(e: ProgressEvent): void;
  stop(): void;
}

/** Pages done/total, pages per minute and ETA on a terminal; plain lines elsewhere. Only the parent process
 * draws. The total grows as documents are opened (a PDF's page count is known only then). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  const seen = new Set<string>();
  let total = 0;
  let done = 0;
  let filesTotal = 0;
  let filesDone = 0;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          stream,
          format: "{bar} {value}/{total} pages | {ppm} pages/min | ETA {eta_formatted} | {files}",
          hideCursor: true,
          etaBuffer: 20,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const ppm = () => {
    const min = (Date.now() - started) / 60_000;
    return min > 0 ? (done / min).toFixed(1) : "0";
  };
  const files = () => `${filesDone}/${filesTotal} files`;
  const log = (line: string) => (bar ? bar.updateETA() : stream.write(`${line}\n`));

  return {
    onEvent(e) {
      switch (e.type) {
        case "start":
          filesTotal = e.files;
          bar?.start(1, 0, { ppm: "0", files: files() });
          break;
        case "page":
          if (!seen.has(e.file)) {
            seen.add(e.file);
            total += e.of;
            bar?.setTotal(total);
          }
          done++;
          bar?.update(done, { ppm: ppm(), files: files() });
          break;
        case "document": {
          filesDone++;
          bar?.update(done, { ppm: ppm(), files: files() });
          if (e.status === "failed" || e.kind === "not_audit_report") {
            const line = `rejected ${e.file}: ${e.codes.join(", ") || e.kind}`;
            if (bar) {
              bar.stop();
              stream.write(`${line}\n`);
              bar.start(Math.max(total, 1), done, { ppm: ppm(), files: files() });
            } else stream.write(`${line}\n`);
          } else if (!bar)
            log(`${e.reused ? "unchanged" : "done"} ${e.file} (${e.pages} pages, ${e.status})`);
          break;
        }
        case "finishing":
          bar?.stop();
          break;
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
