import type { OcrPage, OcrWord } from "../../../src/domain/ocr.ts";

/** Per-character confidences for words of laid-out pages, as chi_sim reports them (one box per Chinese
 * character): `{ 肖玉起: [[0.81, 0.91, 0.48], [0.88, 0.89, 0.63]] }` gives the first 肖玉起 on the pages the
 * first list and every later one the next (the last list repeats). Other words keep the layout's confidence. */
export function withCharConfidences(pages: OcrPage[], confs: Record<string, number[][]>): OcrPage[] {
  const seen = new Map<string, number>();
  const split = (w: OcrWord): OcrWord[] => {
    const lists = confs[w.text];
    if (!lists) return [w];
    const n = seen.get(w.text) ?? 0;
    seen.set(w.text, n + 1);
    const list = lists[Math.min(n, lists.length - 1)]!;
    const chars = [...w.text];
    const step = (w.bbox[2] - w.bbox[0]) / chars.length;
    return chars.map((ch, i) => ({
      text: ch,
      bbox: [w.bbox[0] + i * step, w.bbox[1], w.bbox[0] + (i + 1) * step - 2, w.bbox[3]],
      confidence: list[i] ?? w.confidence,
    }));
  };
  return pages.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, words: l.words.flatMap(split) })) }));
}
