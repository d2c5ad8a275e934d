import { z } from "zod";
import { Bbox } from "./geometry.ts";
import { PageLayout } from "./layout.ts";

export const OcrWord = z.object({
  text: z.string(),
  bbox: Bbox,
  /** 0..1 */
  confidence: z.number().min(0).max(1),
});
export type OcrWord = z.infer<typeof OcrWord>;

export const OcrLine = z.object({
  text: z.string(),
  bbox: Bbox,
  confidence: z.number().min(0).max(1),
  words: z.array(OcrWord),
});
export type OcrLine = z.infer<typeof OcrLine>;

/** A tick box read from pixels next to an option label (符合, 有效, 推荐认证注册 ...). */
export const BoxMark = z.object({
  /** The option label the box belongs to, as OCR read it. */
  label: z.string(),
  labelBbox: Bbox,
  /** The box itself. */
  bbox: Bbox,
  state: z.enum(["checked", "unchecked", "unclear"]),
  confidence: z.number().min(0).max(1),
  /** The box was found in the page pixels as a square outline of box size (the layout stage). False: read beside
   * a label where no such box was found (a bracketed or hand tick, a circled word); rules do not judge it. */
  located: z.boolean().optional(),
});
export type BoxMark = z.infer<typeof BoxMark>;

export const PageSource = z.enum(["text-layer", "ocr"]);
export type PageSource = z.infer<typeof PageSource>;

/** One page as the parser sees it: text in reading order plus geometry. */
export const OcrPage = z.object({
  /** 1-based page number within the document. */
  page: z.number().int().min(1),
  source: PageSource,
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  dpi: z.number().positive(),
  /** Clockwise degrees the scan was turned to read upright (0, 90, 180, 270). */
  rotation: z.number().int(),
  /** Small-angle skew corrected, in degrees. */
  skew: z.number(),
  text: z.string(),
  lines: z.array(OcrLine),
  meanConfidence: z.number().min(0).max(1),
  /** Tick boxes found beside option labels on this page. */
  marks: z.array(BoxMark),
  /** Tables, cells and key–value pairs of the page (the layout stage); absent where no pixels were seen. */
  layout: PageLayout.optional(),
  /** Set when the page could not be read: the page still counts, its text is empty. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type OcrPage = z.infer<typeof OcrPage>;

export const OcrDocument = z.object({
  documentId: z.string(),
  file: z.string(),
  engine: z.string(),
  pages: z.array(OcrPage),
});
export type OcrDocument = z.infer<typeof OcrDocument>;
