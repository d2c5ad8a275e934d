import { toHalfWidth } from "./numbers.ts";

/** CCAA auditor registration number, e.g. 2021-N1QMS-3207381. */
export const REGISTRATION_PATTERN = /^(\d{4})-N(\d)([A-Z][A-Za-z]*[A-Z])-(\d{7})$/;

const DIGITISH = "0-9OoIlL|SB";
const DIGIT_FIX: Record<string, string> = {
  O: "0",
  o: "0",
  I: "1",
  l: "1",
  L: "1",
  "|": "1",
  S: "5",
  B: "8",
};

/** Field codes the CCAA register uses. OCR often doubles the grade digit as a letter ("N1IQMS" for N1QMS). */
const KNOWN_FIELDS = new Set([
  "QMS",
  "EMS",
  "OHSMS",
  "OHS",
  "ENMS",
  "FSMS",
  "HACCP",
  "ISMS",
  "ITSMS",
  "AMS",
  "SCSMS",
  "BCMS",
]);

/** Fields the register spells in mixed case. */
const PRINTED_AS: Record<string, string> = { ENMS: "EnMS" };

function fixField(raw: string): string {
  // An S read as 5S (N2QM5S for N2QMS): a digit never stands between a field's letters.
  const field = raw.toUpperCase().replace(/0/g, "O").replace(/5/g, "");
  if (KNOWN_FIELDS.has(field)) return PRINTED_AS[field] ?? field;
  const stripped = field.replace(/^[IL]/, "");
  return KNOWN_FIELDS.has(stripped) ? (PRINTED_AS[stripped] ?? stripped) : field;
}

function fixDigits(s: string): string {
  return [...s].map((c) => DIGIT_FIX[c] ?? c).join("");
}

// Year, N+grade, field letters, serial; OCR may insert spaces or drop/alter the dashes, and a table cell may wrap
// inside the year or the serial (2014-N1QMS-2 / 043512；20 / 16-N1EMS-… read on with a space). A technical code may
// follow the serial with no space left (2017-N1QMS-129086618.05.00). The dash may be read as a colon and N1 as NI1
// (2015:NI1QMS-1088712). The field's first letter may be read as a zero (N20HSMS for N2OHSMS): no field begins
// with a digit; and an S may come out as 5S inside it (N2QM5S). The grade may come out twice, as a letter and a digit
// (N1I1QMS, N1L1QMS), and a stray digit may stand between the field and its dash (N2QMS9-3468417).
const CANDIDATE = new RegExp(
  `([${DIGITISH}](?:\\s?[${DIGITISH}]){3})\\s*[-–—_~.,:：]{0,2}\\s*[NnИ]\\s*[IlL|]?\\s*([${DIGITISH}])\\s*(?:[IlL|]\\s*\\d\\s*)?([A-Za-z0](?:[A-Za-z]|5(?=[A-Za-z])){1,6})\\s*(?:\\d(?=\\s*[-–—_~]))?\\s*[-–—_~.,]{0,2}\\s*([${DIGITISH}](?:\\s?[${DIGITISH}]){6})(?:(?![0-9])|(?=\\d{2}\\.\\d{2}))`,
  "g",
);

export interface RegistrationMatch {
  value: string;
  start: number;
  end: number;
  /** True when OCR fixes were needed to reach the pattern. */
  repaired: boolean;
}

/** Every registration number in a text, repaired (O->0, l->1 in digit places, spaces and dashes). */
export function findRegistrations(text: string): RegistrationMatch[] {
  const t = toHalfWidth(text);
  const out: RegistrationMatch[] = [];
  for (const m of t.matchAll(CANDIDATE)) {
    const year = fixDigits(m[1]!.replace(/\s/g, ""));
    const grade = fixDigits(m[2]!);
    const field = fixField(m[3]!);
    const serial = fixDigits(m[4]!.replace(/\s/g, ""));
    const value = `${year}-N${grade}${field}-${serial}`;
    if (!REGISTRATION_PATTERN.test(value)) continue;
    if (!/^(19|20)\d\d$/.test(year)) continue;
    out.push({ value, start: m.index, end: m.index + m[0].length, repaired: value !== m[0] });
  }
  return out;
}

/** Several numbers of one person joined "; " as the record asks. */
export function joinRegistrations(text: string): string | null {
  const found = findRegistrations(text).map((r) => r.value);
  return found.length ? [...new Set(found)].join("; ") : null;
}
