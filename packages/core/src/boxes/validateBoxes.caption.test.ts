import { describe, expect, it } from "vitest";
import { layoutRow } from "./layoutRow";
import { validateBoxes } from "./validateBoxes";

const mug = layoutRow("mug_1", [380, 560, 860, 900], "A white mug.");

describe("validateBoxes: the caption and its rows", () => {
  it("an id cited with no row", () => {
    const { errors } = validateBoxes({ caption: "A mug <mug_1> on a table <table_1>.", rows: [mug] });
    expect(errors).toEqual([
      {
        code: "missing_row",
        severity: "error",
        message: "The caption cites <table_1>, but no row has that id.",
        id: "table_1",
      },
    ]);
  });

  it("a row the caption never cites", () => {
    const table = layoutRow("table_1", [720, 0, 1000, 1000], "An oak table.");
    const { errors } = validateBoxes({ caption: "A mug <mug_1>.", rows: [mug, table] });
    expect(errors).toMatchObject([{ code: "uncited_row", index: 1, id: "table_1" }]);
    expect(errors[0]?.message).toBe('Row 2 ("table_1") is never cited: name it in the caption as <table_1>.');
  });

  it("a caption token with a bad id; `<3` and `a < b > c` are prose", () => {
    const { errors } = validateBoxes({ caption: "A mug <Mug_1> <3, a < b > c <mug_1>", rows: [mug] });
    expect(errors).toMatchObject([{ code: "invalid_id", id: "Mug_1" }]);
    expect(errors[0]).not.toHaveProperty("index");
  });

  it("<ref_image_N> tokens are references, not rows", () => {
    const { errors } = validateBoxes(
      { caption: "In <ref_image_0>, a mug <mug_1>.", rows: [mug] },
      { images: 1 },
    );
    expect(errors).toEqual([]);
  });

  it("broken rows are reported from the parse, without citation noise", () => {
    const { errors, kind } = validateBoxes('A mug <mug_1> [{"id":"mug_1","bbox":[0,0,10],"desc":"d"}]');
    expect(kind).toBe("none");
    expect(errors.map((e) => e.code)).toEqual(["malformed_rows"]);
  });

  it("prose naming image 0 or a picture past the count (prose counts from 1)", () => {
    const caption = "Put the mug <mug_1> from image 2 next to Image 3 and image 0.";
    const { errors } = validateBoxes({ caption, rows: [mug] }, { images: ["a", "b"] });
    expect(errors).toMatchObject([
      {
        code: "image_number_out_of_range",
        number: 3,
        images: 2,
        message: "The caption names image 3, but only 2 pictures are given.",
      },
      {
        code: "image_number_out_of_range",
        number: 0,
        message: expect.stringMatching(/prose counts pictures from 1/) as string,
      },
    ]);
    const oneString = validateBoxes(
      { caption: "Like image 1, a mug <mug_1>", rows: [mug] },
      { images: "https://x/a.png" },
    );
    expect(oneString.errors).toEqual([]);
    const none = validateBoxes({ caption: "Like image 1, a mug <mug_1>", rows: [mug] });
    expect(none.errors[0]?.message).toBe("The caption names image 1, but no pictures are given.");
  });
});
