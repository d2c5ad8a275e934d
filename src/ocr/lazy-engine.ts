/**
 * An engine started on its first page: a batch of digital PDFs whose pages all come from their text layers never
 * loads a model or starts a worker.
 */
import type { PageImage } from "../domain/page.ts";
import type { EngineResult, OcrEngine, SecondReader, SecondReadings } from "./engine.ts";

export class LazyEngine implements OcrEngine {
  private started: Promise<OcrEngine> | null = null;
  private engine: OcrEngine | null = null;

  reread?: (
    image: PageImage,
    readers: readonly SecondReader[],
    signal?: AbortSignal,
  ) => Promise<SecondReadings>;

  /**
   * `provisionalName` stands for the engine until it has started (a run that never starts it names no engine).
   * `rereads`: whether the engine will have second readers; the second look asks only engines that offer `reread`.
   */
  constructor(
    private readonly start: () => Promise<OcrEngine>,
    private readonly provisionalName: string,
    rereads: boolean,
  ) {
    if (rereads) {
      this.reread = async (image, readers, signal) => {
        const engine = await this.real();
        return engine.reread ? engine.reread(image, readers, signal) : {};
      };
    }
  }

  get name(): string {
    return this.engine?.name ?? this.provisionalName;
  }

  /** Whether any page has needed the engine. */
  get isStarted(): boolean {
    return this.started !== null;
  }

  private real(): Promise<OcrEngine> {
    this.started ??= this.start().then((engine) => {
      this.engine = engine;
      return engine;
    });
    return this.started;
  }

  async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
    return (await this.real()).recognize(image, signal);
  }

  async close(): Promise<void> {
    if (!this.started) return;
    await (await this.started.catch(() => null))?.close();
  }
}
