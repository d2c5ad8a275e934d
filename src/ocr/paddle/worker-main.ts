/** Body of a PP-OCR worker thread: one reader (det + rec sessions) reused for every page it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import type { FromWorker, ToWorker, WorkerOptions } from "./protocol.ts";
import { toWire } from "./protocol.ts";
import { PaddleReader } from "./reader.ts";

const port = parentPort;
if (!port) throw new Error("worker-main.ts runs in a worker thread");
const post = (message: FromWorker) => port.postMessage(message);

let reader: PaddleReader | null = null;
try {
  reader = await PaddleReader.create(workerData as WorkerOptions);
  post({ type: "ready" });
} catch (error) {
  post({ type: "failed-to-start", error: toWire(error) });
}

// Pages arrive one at a time (the engine's pool never sends a second before the first is answered).
port.on("message", async (message: ToWorker) => {
  if (message.type === "close") {
    await reader?.release().catch(() => undefined);
    reader = null;
    port.close();
    return;
  }
  if (!reader) {
    post({ type: "failed", id: message.id, error: toWire(new Error("PP-OCR worker has no models loaded")) });
    return;
  }
  try {
    const result =
      message.type === "read-line" ? await reader.readLine(message.image) : await reader.read(message.image);
    post({ type: "result", id: message.id, result });
  } catch (error) {
    post({ type: "failed", id: message.id, error: toWire(error) });
  }
});
