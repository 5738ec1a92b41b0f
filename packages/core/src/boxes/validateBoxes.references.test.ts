import { describe, expect, it } from "vitest";
import type { EditRow } from "./BoxRow";
import { changeRow, keepRow, takeRow } from "./editRow";
import { refImage } from "./refImage";
import { validateBoxes } from "./validateBoxes";

const box = [100, 100, 400, 400] as const;
const keep = keepRow({ id: "window_1", from: refImage(1), box, desc: "The window." });
const lamp = takeRow({
  id: "lamp_1",
  from: refImage(2),
  src: box,
  tgt: [500, 500, 900, 900],
  desc: "The lamp.",
});
const caption = "Keep <window_1>, add the lamp <lamp_1>.";

describe("validateBoxes: references against the pictures given", () => {
  it("a row taking from a picture past the count", () => {
    const { errors } = validateBoxes({ caption, rows: [keep, lamp] }, { images: 1 });
    expect(errors).toEqual([
      {
        code: "reference_out_of_range",
        severity: "error",
        message: 'Row 2 ("lamp_1") takes from ref_image_1, picture 2, but only 1 picture is given.',
        reference: "ref_image_1",
        images: 1,
        index: 1,
        id: "lamp_1",
      },
    ]);
  });

  it("a <ref_image_N> token past the count", () => {
    const { errors } = validateBoxes(
      { caption: `In <ref_image_3>, ${caption}`, rows: [keep, lamp] },
      { images: 2 },
    );
    expect(errors).toMatchObject([{ code: "reference_out_of_range", reference: "ref_image_3", images: 2 }]);
    expect(errors[0]).not.toHaveProperty("index");
  });

  it("edit rows with no pictures: one error, not one per reference", () => {
    const { errors } = validateBoxes({
      caption: `In <ref_image_0>, ${caption} Like image 2.`,
      rows: [keep, lamp],
    });
    expect(errors).toMatchObject([{ code: "edit_without_images" }]);
    expect(
      validateBoxes(
        { caption: "<kettle_1>", rows: [changeRow({ id: "kettle_1", box, desc: "d" })] },
        { images: [] },
      ).errors,
    ).toMatchObject([{ code: "edit_without_images" }]);
  });

  it("warns once that ref_image_N equal to the count looks 1-based", () => {
    const oneBased: EditRow = { ...keep, from: "ref_image_1" }; // image 1 written as ref_image_1
    const third: EditRow = { ...lamp, from: "ref_image_2" }; // image 2 written as ref_image_2
    const result = validateBoxes(
      { caption: `In <ref_image_2>, ${caption}`, rows: [oneBased, third] },
      { images: 2 },
    );
    expect(result.errors.map((e) => e.code)).toEqual(["reference_out_of_range", "reference_out_of_range"]);
    expect(result.warnings).toEqual([
      {
        code: "likely_one_based",
        severity: "warning",
        message:
          "ref_image_2 looks counted from 1: rows count pictures from 0, so image 1 is ref_image_0 and image 2 is ref_image_1 (refImage(n) converts).",
        reference: "ref_image_2",
        images: 2,
      },
    ]);
  });

  it("no 1-based warning for a reference further out", () => {
    const far: EditRow = { ...lamp, from: "ref_image_5" };
    expect(validateBoxes({ caption, rows: [keep, far] }, { images: 2 }).warnings).toEqual([]);
  });

  it("refuses options that are not a count", () => {
    expect(() => validateBoxes("x", { images: -1 })).toThrow(RangeError);
    expect(() => validateBoxes("x", { images: 1.5 })).toThrow(RangeError);
    expect(() => validateBoxes("x", { minSidePx: 0 })).toThrow(RangeError);
    expect(() => validateBoxes("x", { frame: { width: -1, height: 10 } })).toThrow(RangeError);
  });
});
