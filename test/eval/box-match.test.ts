import { describe, expect, it } from "vitest";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { CheckboxOption } from "../../src/domain/record.ts";
import { matchScore } from "../../src/eval/boxes.ts";
import type { TruthBox } from "../../src/eval/truth.ts";

const page = { width: 1654, height: 2339, skew: 1.5 };

function turnAboutCentre(b: Bbox, deg: number): Bbox {
  const a = (deg * Math.PI) / 180;
  const [cx, cy] = [page.width / 2, page.height / 2];
  const [x, y] = [(b[0] + b[2]) / 2 - cx, (b[1] + b[3]) / 2 - cy];
  const [nx, ny] = [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)];
  const [hw, hh] = [(b[2] - b[0]) / 2, (b[3] - b[1]) / 2];
  return [nx - hw, ny - hh, nx + hw, ny + hh];
}

const option = (bbox: Bbox): CheckboxOption =>
  ({ label: "符合", state: "checked", confidence: 0.95, page: 1, bbox }) as CheckboxOption;

// A box far from the page centre, on a sheet fed upside down and slightly skewed.
const upright: Bbox = [704, 266, 730, 292];
const truth: TruthBox = {
  page: 1,
  bbox: [page.width - 730, page.height - 292, page.width - 704, page.height - 266],
  uprightBbox: upright,
  state: "checked",
  mark: "check",
  label: "符合",
  group: "conclusion.审核准则的要求",
};

describe("matching a found box to its truth box", () => {
  it("matches on an upside-down page that was also deskewed (upright frame, turned)", () => {
    const found = turnAboutCentre(upright, page.skew);
    expect(matchScore(truth, option(found), 1, page)).toBeGreaterThan(0);
  });

  it("does not match the neighbouring option 130 px along the row", () => {
    const neighbour = turnAboutCentre([834, 266, 860, 292], page.skew);
    expect(matchScore(truth, option(neighbour), 1, page)).toBe(0);
  });
});
