import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changeRow, layoutRow, refImage, takeRow, type BoxRow, type EditRow } from "@flux-kit/core/boxes";
import {
  insertionPoint,
  insertMention,
  mentionsOf,
  renumberAfterMove,
  renumberAfterRemove,
  renumberRowsAfterChange,
  renumberRowsAfterMove,
  renumberRowsAfterRemove,
} from "./mentions";

// Prompts built to trip the matcher: mentions in every case and spacing, near misses, tokens and digits.
const fragment = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: 0, max: 12 }).map((n) => `image ${n}`),
  fc.integer({ min: 0, max: 10 }).map((n) => `<ref_image_${n}>`),
  fc.constantFrom(
    " ",
    "\n",
    "Image 3",
    "IMAGE  2",
    "image\t1",
    "image 10",
    "images 2",
    "image 02",
    "image_3",
    "myimage 4",
    "image 5th",
    "image 2's",
    "<ref_image_1",
    "ref_image_2>",
    "<ref_image_01>",
    "0",
    "7",
    ".",
    "(",
    "image",
  ),
);
const prompt = fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join(""));
const imageNo = fc.integer({ min: 1, max: 10 });

/** The prompt with every mention's number blanked: the text a renumbering must not touch. */
const unrelated = (p: string) =>
  p.replace(/\b(image\s+)(0|[1-9]\d*)\b|(<ref_image_)(0|[1-9]\d*)>/gi, (_m, w: string, _n, t: string) =>
    w !== undefined ? `${w}#` : `${t}#>`,
  );

describe("mentionsOf", () => {
  it("reads prose in any case and tokens 0-based, as whole words, ascending and without repeats", () => {
    expect(mentionsOf("Put the hat from Image 2 on <ref_image_0>, not image 12")).toEqual([1, 2, 12]);
    expect(mentionsOf("image 10 and IMAGE 10 and <ref_image_9>")).toEqual([10]);
    expect(mentionsOf("image 1, image  3\nand image\t2.")).toEqual([1, 2, 3]);
  });

  it("does not read near misses", () => {
    for (const text of [
      "images 2",
      "myimage 2",
      "image_2",
      "image 2nd",
      "image 02",
      "<ref_image_1",
      "ref_image_1",
    ])
      expect(mentionsOf(text), text).toEqual([]);
    expect(mentionsOf("image 0 and <ref_image_10>")).toEqual([0, 11]); // out of range, but named: a caller flags them
  });

  it("finds every mention a prompt was built with (property)", () => {
    const word = fc.constantFrom("a", "hat", "the", "on", ",", ".", "(", ")");
    const part = fc.oneof(
      word.map((w) => ({ text: w, n: undefined })),
      imageNo.map((n) => ({ text: `image ${n}`, n })),
      imageNo.map((n) => ({ text: `<ref_image_${n - 1}>`, n })),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const expected = [...new Set(parts.flatMap((p) => (p.n === undefined ? [] : [p.n])))];
        expect(mentionsOf(parts.map((p) => p.text).join(" "))).toEqual(expected.sort((a, b) => a - b));
      }),
    );
  });
});

describe("insertMention", () => {
  it("adds a space only where a word would run into the mention", () => {
    expect(insertMention("", 0, 0, 1)).toEqual({ prompt: "image 1", cursor: 7 });
    expect(insertMention("the hat from", 12, 12, 2)).toEqual({ prompt: "the hat from image 2", cursor: 20 });
    expect(insertMention("the hat from on the dog", 13, 13, 2)).toEqual({
      prompt: "the hat from image 2 on the dog",
      cursor: 20,
    });
    expect(insertMention("fromon", 4, 4, 3)).toEqual({ prompt: "from image 3 on", cursor: 12 });
    expect(insertMention("the hat (), end", 9, 9, 4)).toEqual({
      prompt: "the hat (image 4), end",
      cursor: 16,
    });
    expect(insertMention("style of.", 8, 8, 5)).toEqual({ prompt: "style of image 5.", cursor: 16 });
  });

  it("replaces the selection, in either direction, and clamps it to the prompt", () => {
    expect(insertMention("a big dog", 2, 5, 1)).toEqual({ prompt: "a image 1 dog", cursor: 9 });
    expect(insertMention("a big dog", 5, 2, 1)).toEqual({ prompt: "a image 1 dog", cursor: 9 });
    expect(insertMention("dog", 99, 120, 1)).toEqual({ prompt: "dog image 1", cursor: 11 });
  });

  it("keeps the text around the selection and names the image at the cursor (property)", () => {
    fc.assert(
      fc.property(prompt, fc.nat(), fc.nat(), imageNo, (p, a, b, n) => {
        const s = Math.min(a, b) % (p.length + 1);
        const e = Math.min((Math.max(a, b) % (p.length + 1)) + s, p.length);
        const { prompt: out, cursor } = insertMention(p, s, e, n);
        expect(out.startsWith(p.slice(0, s))).toBe(true);
        expect(out.endsWith(p.slice(e))).toBe(true);
        expect(out.slice(cursor - `image ${n}`.length, cursor)).toBe(`image ${n}`);
        // the inserted mention is read as one: it names n, and nothing else is new
        expect(mentionsOf(out)).toContain(n);
        // at most one space either side is added
        expect(out.length - (p.length - (e - s))).toBeLessThanOrEqual(`image ${n}`.length + 2);
      }),
    );
  });
});

describe("renumberAfterRemove", () => {
  it("moves later mentions up, leaves the removed one's and earlier ones", () => {
    expect(renumberAfterRemove("image 1 wears the hat from image 3", 2)).toBe(
      "image 1 wears the hat from image 2",
    );
    expect(renumberAfterRemove("Image 2 beside <ref_image_2> and image 10", 2)).toBe(
      "Image 2 beside <ref_image_1> and image 9",
    );
    // past ten: still flagged as it was, not made valid by the removal
    expect(renumberAfterRemove("image 11 and <ref_image_10>", 1)).toBe("image 11 and <ref_image_10>");
  });

  it("never changes the text around the mentions (property)", () => {
    fc.assert(
      fc.property(prompt, imageNo, (p, removed) => {
        expect(unrelated(renumberAfterRemove(p, removed))).toBe(unrelated(p));
      }),
    );
  });

  it("changes nothing when no later image is named, and maps every mention otherwise (property)", () => {
    fc.assert(
      fc.property(prompt, imageNo, (p, removed) => {
        const before = mentionsOf(p);
        const after = renumberAfterRemove(p, removed);
        if (!before.some((k) => k > removed && k <= 10)) expect(after).toBe(p);
        const expected = new Set(before.map((k) => (k > removed && k <= 10 ? k - 1 : k)));
        expect(mentionsOf(after)).toEqual([...expected].sort((a, b) => a - b));
      }),
    );
  });
});

describe("renumberAfterMove", () => {
  it("mentions follow the moved image; those between shift by one", () => {
    expect(renumberAfterMove("image 1 in the style of image 3", 3, 1)).toBe(
      "image 2 in the style of image 1",
    );
    expect(renumberAfterMove("<ref_image_0> image 2 image 3 image 4", 1, 3)).toBe(
      "<ref_image_2> image 1 image 2 image 4",
    );
    expect(renumberAfterMove("image 2", 2, 2)).toBe("image 2");
  });

  it("moving back gives the original prompt (property)", () => {
    fc.assert(
      fc.property(prompt, imageNo, imageNo, (p, from, to) => {
        expect(renumberAfterMove(renumberAfterMove(p, from, to), to, from)).toBe(p);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the text around the mentions and permutes the numbers (property)", () => {
    fc.assert(
      fc.property(prompt, imageNo, imageNo, (p, from, to) => {
        const after = renumberAfterMove(p, from, to);
        expect(unrelated(after)).toBe(unrelated(p));
        // the images as they were, reordered: each mention now names where its picture went
        const order = Array.from({ length: 10 }, (_, i) => i + 1);
        const [picked] = order.splice(from - 1, 1);
        order.splice(to - 1, 0, picked!);
        const whereNow = (k: number) => (k >= 1 && k <= 10 ? order.indexOf(k) + 1 : k);
        expect(mentionsOf(after)).toEqual([...new Set(mentionsOf(p).map(whereNow))].sort((a, b) => a - b));
      }),
    );
  });
});

const box = [100, 100, 500, 500] as const;
const layout = layoutRow("background_1", [0, 0, 1000, 1000], "A wall.");
const lamp = takeRow({ id: "lamp_1", from: refImage(2), src: box, tgt: box, desc: "The lamp." });
const vase = takeRow({ id: "vase_1", from: refImage(3), src: box, tgt: box, desc: "The vase." });
const kettle = changeRow({ id: "kettle_1", box, desc: "A red kettle." });
const keep: EditRow = {
  id: "window_1",
  from: "ref_image_0",
  src_bbox: box,
  tgt_bbox: box,
  desc: "The window.",
};

describe("box rows", () => {
  it("renumberRowsAfterRemove: later pictures move up; rows of the removed one come back unchanged and named", () => {
    const rows: BoxRow[] = [keep, lamp, vase, kettle, layout];
    const { rows: next, named } = renumberRowsAfterRemove(rows, 2);
    expect(next).toEqual([keep, lamp, { ...vase, from: "ref_image_1" }, kettle, layout]);
    expect(next[1]).toBe(lamp);
    expect(named).toEqual([lamp]);
    expect(renumberRowsAfterRemove(rows, 4)).toEqual({ rows, named: [] });
  });

  it("renumberRowsAfterMove: each from follows its picture, and moving back restores the rows (property)", () => {
    expect(renumberRowsAfterMove([keep, lamp, vase, kettle, layout], 3, 1)).toEqual([
      { ...keep, from: "ref_image_1" },
      { ...lamp, from: "ref_image_2" },
      { ...vase, from: "ref_image_0" },
      kettle,
      layout,
    ]);
    const row = fc.oneof(
      fc.constant<BoxRow>(layout),
      fc.constant<BoxRow>(kettle),
      fc.integer({ min: 1, max: 10 }).map((n): BoxRow => ({ ...keep, id: `e_${n}`, from: refImage(n) })),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), imageNo, imageNo, (rows, from, to) => {
        expect(renumberRowsAfterMove(renumberRowsAfterMove(rows, from, to), to, from)).toEqual(rows);
      }),
    );
  });

  it("renumberRowsAfterChange takes the 0-based change ReferenceChips reports", () => {
    const rows: BoxRow[] = [keep, lamp, vase];
    expect(renumberRowsAfterChange(rows, { kind: "remove", index: 1 })).toEqual(
      renumberRowsAfterRemove(rows, 2),
    );
    expect(renumberRowsAfterChange(rows, { kind: "move", from: 2, to: 0 })).toEqual({
      rows: renumberRowsAfterMove(rows, 3, 1),
      named: [],
    });
    expect(renumberRowsAfterChange(rows, { kind: "add" })).toEqual({ rows, named: [] });
  });
});

describe("insertionPoint", () => {
  it("takes the field's selection, but a caret never placed in a prompt with text (at 0) means the end", () => {
    expect(insertionPoint({ selectionStart: 0, selectionEnd: 0 }, "A poster.")).toEqual({ start: 9, end: 9 });
    expect(insertionPoint({ selectionStart: 0, selectionEnd: 0 }, "")).toEqual({ start: 0, end: 0 });
    expect(insertionPoint({ selectionStart: 2, selectionEnd: 2 }, "A poster.")).toEqual({ start: 2, end: 2 });
    expect(insertionPoint({ selectionStart: 0, selectionEnd: 1 }, "A poster.")).toEqual({ start: 0, end: 1 });
    expect(insertionPoint(null, "A poster.")).toEqual({ start: 9, end: 9 });
  });
});
