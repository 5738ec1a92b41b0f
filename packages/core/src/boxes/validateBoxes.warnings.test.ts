import { describe, expect, it } from "vitest";
import type { BoxRow } from "./BoxRow";
import { changeRow, keepRow, moveRow, removeRow } from "./editRow";
import { layoutRow } from "./layoutRow";
import { refImage } from "./refImage";
import { DEFAULT_MIN_SIDE_PX, validateBoxes } from "./validateBoxes";

const frame = { width: 1000, height: 1000 }; // one grid unit per pixel
const tiny = [100, 100, 125, 140] as const; // 40 × 25 px: BFL's "often did not appear"
const check = (rows: readonly BoxRow[], options: { minSidePx?: number } = {}) =>
  validateBoxes(
    { caption: rows.map((row) => `<${row.id}>`).join(" "), rows },
    { images: 1, frame, ...options },
  );

describe("validateBoxes: boxes too small to render", () => {
  it("warns on BFL's 40 × 25 px box, in pixels of the frame", () => {
    const result = check([layoutRow("sign_1", tiny, "A small sign.")]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      {
        code: "box_too_small",
        severity: "warning",
        message:
          'Row 1 ("sign_1"): bbox is about 40 × 25 px on a 1000 × 1000 frame; elements in boxes under 48 px on a side often do not appear.',
        index: 0,
        id: "sign_1",
        field: "bbox",
        widthPx: 40,
        heightPx: 25,
        minSidePx: DEFAULT_MIN_SIDE_PX,
      },
    ]);
  });

  it("measures in pixels: the same grid box is fine on a 4k frame", () => {
    const rows = [layoutRow("sign_1", [100, 100, 125, 140], "A small sign.")];
    expect(
      validateBoxes({ caption: "<sign_1>", rows }, { frame: { width: 4096, height: 4096 } }).warnings,
    ).toEqual([]);
  });

  it("checks where something is drawn: change and move targets, not keep or remove", () => {
    const photo = refImage(1);
    const big = [0, 0, 500, 500] as const;
    const rows = [
      changeRow({ id: "a_1", box: tiny, desc: "d" }),
      moveRow({ id: "b_1", from: photo, src: big, tgt: tiny, desc: "d" }),
      keepRow({ id: "c_1", from: photo, box: tiny, desc: "d" }),
      removeRow({ id: "d_1", from: photo, box: tiny, desc: "d" }),
      moveRow({ id: "e_1", from: photo, src: tiny, tgt: big, desc: "d" }),
    ];
    expect(check(rows).warnings.map((w) => [w.code, "id" in w ? w.id : ""])).toEqual([
      ["box_too_small", "a_1"],
      ["box_too_small", "b_1"],
    ]);
  });

  it("takes a minimum side of its own; without a frame, sizes are not checked", () => {
    expect(check([layoutRow("sign_1", tiny, "d")], { minSidePx: 20 }).warnings).toEqual([]);
    expect(check([layoutRow("sign_1", [0, 0, 100, 100], "d")], { minSidePx: 120 }).warnings).toHaveLength(1);
    const rows = [layoutRow("sign_1", tiny, "d")];
    expect(validateBoxes({ caption: "<sign_1>", rows }).warnings).toEqual([]);
  });
});
