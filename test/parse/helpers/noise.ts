/** Deterministic OCR-style damage to the seed text: look-alike characters, spaces between characters,
 * full-width digits, O for 0 and I for 1 (measured), a table row split over two lines. Each edit is one a real engine
 * makes on these scans; the values a reader must recover are unchanged. */
const EDITS: [string, string][] = [
  ["项目编号：20647-2023-Q", "项 目 编 号 : 20647-2023-Q"],
  ["组织名称：重庆金微科技有限公司", "组 织 名 秫：重庆金微科技有限公司"],
  ["报 告 日 期： 2023-11-08", "报 告 曰 期： ２０２３-１１-０８"],
  [
    "1.5.1 审核时间：2023年11月07日上午至2023年11月08日下午实施审核。",
    "l.5.1 审核时问：2023 年 11 月 07 曰上午至 2023 年 11 月 08 日下午实施审核。",
  ],
  [
    "审核覆盖时期：自2023年03月10日至2023年11月08日下午",
    "审核復盖时期：自２０２３年０３月１０日至2023年11月08日下午",
  ],
  [
    "1.5.2 审核范围（如与审核计划不一致时，请说明原因）：",
    "1. 5. 2 审核范囤（如与审核计划不一致时，请说明原因）:",
  ],
  [
    "于 2023-11-07 8:30:00 上午至 2023-11-07 12:30:00 下午",
    "于 2023-11-07 8:30:00 上午 至 2023-11-07 12:30:00 下午",
  ],
  ["1\t张心\t组长\t审核员\t2021-N1QMS-3207381\t", "1\t张 心\t组长\t审核员\t2021-NIQMS-32O7381\t"],
  [
    "2\t冉景洲\t组员\t审核员\t2023-N1QMS-2267598\t33.03.01",
    "2\t冉景洲\t组员\t审核员\t2023-N1QMS-\t\n\t\t\t\t2267598\t33.O3.01",
  ],
  [
    "1) 组织成立时间：2021年09月26日 体系实施时间：2023年03月10日",
    "1) 组织成立时间：2021年O9月26日 体系实施时问：2023年03月1O日",
  ],
  ["员工总人数：109人", "员工总人数：１０９人"],
  [
    "严重不符合项（0）项，轻微不符合项（1）项，涉及部门/条款:人力行政部 7.3",
    "严重不符合项 ( 0 ) 项，轻微不符合项 ( 1 ) 项，涉及部门 / 条款：人力行政部 7.3",
  ],
  ["不符合项整改时限：2023 年 11 月 13 日前", "不符合项整改时限:2023年11月13曰前"],
  ["下次现场审核日期应在 2024 年 11 月 08 日前", "下次现场审核曰期应在 2024 年 11 月 08 日前"],
  ["审核组长（签字）： 张心", "审核组长（签字）:张心"],
  ["3.3 内部审核、管理评审的有效性评价", "3．3 内部审核、管理评审的有效性评价"],
  ["3.4 持续改进", "3.4  持 续 改 进"],
  ["GB/T19001-2016/ISO9001:2015\n", "GB/T 19001-2016/ISO 9001：2015\n"],
];

export function noisySeed(seed: string): string {
  let out = seed;
  for (const [from, to] of EDITS) {
    if (!out.includes(from)) throw new Error(`noise edit does not apply: ${from}`);
    out = out.replace(from, to);
  }
  return out;
}

/** Deterministic OCR-style damage for any report text, of the kinds engines make on these scans: a label read
 * with spaces between its characters, full-width or half-width colons with stray spaces, full-width digits in
 * every other line, 日 read as 曰 and 间 as 问 in labels, round brackets read half-width. Values keep their
 * characters (a reader cannot be asked to recover a changed name), so a test's expectations stand as they are. */
export function ocrNoise(text: string): string {
  return text
    .split("\n")
    .map((line, i) => {
      let out = line;
      // The label before the first colon: spaced out on every third line, 间/日 misread on the others.
      out = out.replace(/^([\u4e00-\u9fa5]{2,6})([:：])/, (_, label: string, colon: string) => {
        const read = i % 3 === 0 ? [...label].join(" ") : label.replace(/间/g, "问").replace(/日期/g, "曰期");
        return `${read}${i % 2 === 0 ? " : " : colon}`;
      });
      if (i % 2 === 1) out = out.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      return out.replace(/（(?=[^）]*[\u4e00-\u9fa5])/g, "(").replace(/）/g, ")");
    })
    .join("\n");
}
