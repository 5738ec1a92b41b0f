import { describe, expect, it } from "vitest";
import type { BoxRow, EditRow } from "./BoxRow";
import { changeRow, keepRow, removeRow } from "./editRow";
import { layoutRow } from "./layoutRow";
import { refImage } from "./refImage";
import { validateBoxes } from "./validateBoxes";

/** The caption citing every row, so only the check under test speaks. */
const check = (rows: readonly BoxRow[], images = 1) =>
  validateBoxes({ caption: rows.map((row) => `<${row.id}>`).join(" "), rows }, { images });
const codes = (rows: readonly BoxRow[], images = 1) => check(rows, images).errors.map((issue) => issue.code);

describe("validateBoxes: boxes", () => {
  it("a coordinate that is not an integer", () => {
    const [issue, ...rest] = check([layoutRow("mug_1", [0, 0, 500.5, 500], "d")]).errors;
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      code: "not_integer",
      index: 0,
      id: "mug_1",
      field: "bbox",
      box: [0, 0, 500.5, 500],
    });
    expect(issue?.message).toBe(
      'Row 1 ("mug_1"): bbox [0, 0, 500.5, 500] has a coordinate that is not a whole number; the grid takes integers.',
    );
  });

  it("outside 0–1000, on any box of the row", () => {
    expect(codes([layoutRow("mug_1", [-1, 0, 500, 500], "d")])).toEqual(["outside_grid"]);
    expect(codes([layoutRow("mug_1", [0, 0, 500, 1001], "d")])).toEqual(["outside_grid"]);
    const edit: EditRow = {
      id: "a_1",
      from: "ref_image_0",
      src_bbox: [0, 0, 10, 10],
      tgt_bbox: [0, 0, 10, 1200],
      desc: "d",
    };
    expect(check([edit]).errors).toMatchObject([{ code: "outside_grid", field: "tgt_bbox" }]);
  });

  it("top ≥ bottom or left ≥ right, saying which and the order of the fields", () => {
    const [upsideDown] = check([layoutRow("mug_1", [600, 0, 400, 500], "d")]).errors;
    expect(upsideDown).toMatchObject({ code: "inverted_box" });
    expect(upsideDown?.message).toMatch(
      /bottom \(400\) must be greater than top \(600\); boxes are \[top, left, bottom, right\]/,
    );
    expect(check([layoutRow("mug_1", [0, 500, 400, 500], "d")]).errors[0]?.message).toMatch(/right \(500\)/);
  });
});

describe("validateBoxes: ids", () => {
  it("duplicate ids, on the later row", () => {
    const rows = [layoutRow("mug_1", [0, 0, 10, 10], "a"), layoutRow("mug_1", [20, 20, 30, 30], "b")];
    expect(check(rows).errors).toMatchObject([
      { code: "duplicate_id", index: 1, id: "mug_1", firstIndex: 0 },
    ]);
  });

  it("id syntax: lowercase name and number; ComfyUI's obj_N passes", () => {
    expect(codes([layoutRow("obj_1", [0, 0, 10, 10], "a")])).toEqual([]);
    expect(codes([layoutRow("mug", [0, 0, 10, 10], "a")])).toEqual([]);
    const bad = check([layoutRow("Mug-1", [0, 0, 10, 10], "a")]).errors;
    expect(bad).toMatchObject([
      { code: "invalid_id", id: "Mug-1", index: 0 },
      { code: "invalid_id", id: "Mug-1" },
    ]);
    expect(bad[1]).not.toHaveProperty("index");
    expect(codes([layoutRow("", [0, 0, 10, 10], "a")])).toContain("invalid_id");
  });

  it("a row may not take a reference's name", () => {
    expect(check([layoutRow("ref_image_0", [0, 0, 10, 10], "a")]).errors).toMatchObject([
      { code: "invalid_id", index: 0, message: expect.stringMatching(/names a reference picture/) as string },
    ]);
  });
});

describe("validateBoxes: kinds", () => {
  it("layout and edit rows mixed, once, on the first row of the other kind", () => {
    const rows = [
      layoutRow("a_1", [0, 0, 10, 10], "a"),
      changeRow({ id: "b_1", box: [0, 0, 10, 10], desc: "b" }),
      changeRow({ id: "c_1", box: [0, 0, 10, 10], desc: "c" }),
    ];
    const result = check(rows);
    expect(result.kind).toBe("mixed");
    expect(result.errors).toMatchObject([{ code: "mixed_rows", index: 1, id: "b_1" }]);
  });

  it("edit rows outside BFL's table", () => {
    const row = (from: EditRow["from"], src: EditRow["src_bbox"], tgt: EditRow["tgt_bbox"]): EditRow => ({
      id: "a_1",
      from,
      src_bbox: src,
      tgt_bbox: tgt,
      desc: "d",
    });
    const box = [0, 0, 10, 10] as const;
    const message = (r: EditRow) =>
      check([r], 2).errors.find((e) => e.code === "inconsistent_edit_row")?.message;
    expect(message(row(null, box, box))).toMatch(/"from": null \(a new element\) but a src_bbox/);
    expect(message(row(null, null, null))).toMatch(/places nothing/);
    expect(message(row("ref_image_0", null, box))).toMatch(/no src_bbox/);
    expect(message(row("ref_image_1", box, null))).toMatch(/only the edited picture \(ref_image_0\)/);
    expect(codes([keepRow({ id: "a_1", from: refImage(1), box, desc: "d" })])).toEqual([]);
    expect(codes([removeRow({ id: "a_1", from: refImage(1), box, desc: "d" })])).toEqual([]);
  });
});
