/**
 * Deterministic fake OCR engine for queue tests: the text is a slice of a report chosen by a hash of the
 * pixels, so the same page always reads the same and no real OCR runs. Queued test workers set it up in code
 * (fake-worker-main.ts, fake-page-sandbox.mjs); FAKE_OCR_DELAY_MS makes each call take that long (to have jobs in flight when a worker
 * is killed).
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { AppConfig } from "../../src/config/schema.ts";
import type { OcrLine } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";

export const FAKE_ENGINE_NAME = "fake-ocr 1";

/** Report text the fake reads: a real report's lines (names and numbers varied per page by the hash). */
const REPORT = [
  "项目编号：20647-2023-Q",
  "管理体系审核报告",
  "(第二阶段)",
  "组织名称：重庆金微科技有限公司",
  "审核体系：质量管理体系（QMS）",
  "审核组长（签字）： 张心",
  "审核组员（签字）： 冉景洲",
  "报 告 日 期： 2023-11-08",
  "一、审核目的",
  "确定受审核方管理体系与审核准则的符合性，评价管理体系满足适用的法律法规要求的能力。",
  "二、审核范围",
  "电子元器件的设计、生产和销售",
  "三、审核准则",
  "GB/T19001-2016/ISO9001:2015 质量管理体系 要求",
  "四、审核组成员",
  "组长 张心 高级审核员 2021-N1QMS-1234567 19.05.01",
  "组员 冉景洲 审核员 2022-N1QMS-7654321 19.05.01",
  "五、审核时间 2023年11月06日至2023年11月07日",
  "六、审核结论",
  "受审核方管理体系运行有效，符合审核准则的要求。",
  "推荐认证注册 ☑ 推荐 □ 不推荐",
  "七、不符合项 无",
];

function hashImage(image: PageImage): Buffer {
  return createHash("sha256")
    .update(`${image.width}x${image.height}x${image.channels}:`)
    .update(image.data)
    .digest();
}

export function fakeRecognize(image: PageImage): EngineResult {
  const h = hashImage(image);
  const start = h[0]! % 6;
  const count = 8 + (h[1]! % 8);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) texts.push(REPORT[(start + i) % REPORT.length]!);
  texts.push(`页面标识：${h.subarray(0, 4).toString("hex")}`);
  const rowH = Math.max(1, Math.floor(image.height / texts.length));
  const lines: OcrLine[] = texts.map((text, i) => {
    const bbox: [number, number, number, number] = [0, i * rowH, image.width, (i + 1) * rowH];
    return { text, bbox, confidence: 0.9, words: [{ text, bbox, confidence: 0.9 }] };
  });
  return { text: texts.join("\n"), lines, meanConfidence: 0.9 };
}

export function createFakeEngine(delayMs = 0): OcrEngine {
  return {
    name: FAKE_ENGINE_NAME,
    async recognize(image: PageImage): Promise<EngineResult> {
      if (delayMs > 0) await sleep(delayMs);
      return fakeRecognize(image);
    },
    async close(): Promise<void> {},
  };
}

/** The factory the test worker entries give `useEngineFactory`. */
export async function createEngine(_config: AppConfig): Promise<OcrEngine> {
  return createFakeEngine(Number(process.env.FAKE_OCR_DELAY_MS ?? 0));
}
