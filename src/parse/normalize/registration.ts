import { confusions } from "../../noise/confusions.ts";
import { toHalfWidth } from "./numbers.ts";

/** CCAA auditor registration number, e.g. 2021-N1QMS-3207381. */
export const REGISTRATION_PATTERN = /^(\d{4})-N(\d)([A-Z][A-Za-z]*[A-Z])-(\d{7})$/;

const look = confusions();
/** A digit as OCR reads one: digits and the letters the noise model measured read for them (O for 0, I for 1). */
const DIGITISH = look.digitClass();
/** The letters read for the digit 1: a grade doubled as a letter (N1IQMS). */
const ONE_READS = look.digitReadings().filter((ch) => look.digit(ch) === "1");
const ONE = ONE_READS.length > 0 ? `[${ONE_READS.join("")}]` : "(?!)";
/** Digits read for a field's letters (0 for O: N20HSMS). */
const LETTER_OF = new Map(
  look
    .digitReadings()
    .filter((ch) => /^[A-Z]$/.test(ch))
    .map((ch) => [look.digit(ch) as string, ch]),
);
const FIELD_DIGITS = [...LETTER_OF.keys()].join("");

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
  // A field has letters only: a digit in it is the letter it was read for.
  const field = [...raw.toUpperCase()].map((c) => LETTER_OF.get(c) ?? c).join("");
  if (KNOWN_FIELDS.has(field)) return PRINTED_AS[field] ?? field;
  const stripped = ONE_READS.includes(field[0] ?? "") ? field.slice(1) : field;
  return KNOWN_FIELDS.has(stripped) ? (PRINTED_AS[stripped] ?? stripped) : field;
}

const fixDigits = (s: string): string => look.readDigits(s);

// Year, N+grade, field letters, serial; OCR may insert spaces or drop/alter the dashes, and a table cell may wrap
// inside the year or the serial (2014-N1QMS-2 / 043512；20 / 16-N1EMS-… read on with a space). A technical code may
// follow the serial with no space left (2017-N1QMS-129086618.05.00). The dash may be read as a colon and N1 as NI1
// (2015:NI1QMS-1088712). The field's first letter may be read as the digit it looks like (N20HSMS for N2OHSMS): no
// field begins with a digit. The grade may come out twice, as a letter and a digit (N1I1QMS), and a stray digit may
// stand between the field and its dash (N2QMS9-3468417). (Letters and digits as the noise model measured them.)
const CANDIDATE = new RegExp(
  `([${DIGITISH}](?:\\s?[${DIGITISH}]){3})\\s*[-–—_~.,:：]{0,2}\\s*[Nn]\\s*(?:${ONE})??\\s*([${DIGITISH}])\\s*(?:${ONE}\\s*\\d\\s*)?([A-Za-z${FIELD_DIGITS}][A-Za-z]{1,6})\\s*(?:\\d(?=\\s*[-–—_~]))?\\s*[-–—_~.,]{0,2}\\s*([${DIGITISH}](?:\\s?[${DIGITISH}]){6})(?:(?![0-9])|(?=\\d{2}\\.\\d{2}))`,
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
