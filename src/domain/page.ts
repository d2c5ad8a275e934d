/** Raw pixels of one page, row-major, top-left origin. Passed between stages instead of PNG bytes
 * (PNG encoding costs ~0.3 s per 300 DPI page). */
export interface PageImage {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA */
  channels: 1 | 3 | 4;
  data: Uint8Array;
  dpi: number;
}

/** Text a PDF carries for a page (already NFKC-normalised), in pixel coordinates of `dpi`. */
export interface TextLayerLine {
  text: string;
  bbox: [number, number, number, number];
  /** The line's text runs as the PDF placed them (a table row's cells, the words around a drawn tick box). */
  words?: { text: string; bbox: [number, number, number, number] }[];
}

export type PageInput =
  | { page: number; kind: "raster"; image: PageImage }
  | {
      page: number;
      kind: "text-layer";
      width: number;
      height: number;
      dpi: number;
      lines: TextLayerLine[];
      /** The page rendered too, so tick boxes can be read from pixels. */
      image: PageImage | null;
    };

/** An input file opened for reading. Pages are produced on demand so a 300-page PDF never sits in memory. */
export interface SourceDocument {
  /** sha256 of the file's bytes, hex. */
  id: string;
  path: string;
  /** File name as given (basename). */
  name: string;
  format: "pdf" | "image";
  pageCount: number;
  /** `signal` stops the page's reading (a PDF's rendering process is killed). */
  getPage(page: number, signal?: AbortSignal): Promise<PageInput>;
  close(): Promise<void>;
}
