import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { drawPage, type Row } from "./draw.ts";

const rows: Row[] = [];
for (let i = 0; i < 13; i++)
  rows.push({
    prefix: `3.${i} 管理体系的策划`,
    options: [
      { label: "符合", box: "tick" },
      { label: "基本符合", box: "empty" },
      { label: "不符合", box: "empty" },
    ],
  });
const narrative = Array.from(
  { length: 20 },
  () => "企业编制了管理体系文件，文件的审批、发放、更改订控制有效，符合标准要求，不符合项已整改。",
);
const page = await drawPage(rows, { width: 2480, narrative });
for (let i = 0; i < 200; i++) detectMarks(page.image, page.lines);
const t0 = performance.now();
for (let i = 0; i < 100; i++) detectMarks(page.image, page.lines);
console.log((performance.now() - t0) / 100, "ms");
