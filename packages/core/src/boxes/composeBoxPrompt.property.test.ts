import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BoxRow, EditRow, GridBox, LayoutRow } from "./BoxRow";
import { BoxPromptError, composeBoxPrompt } from "./composeBoxPrompt";
import { parseBoxPrompt, rowsKind } from "./parseBoxPrompt";

// Captions built to trip a parser: brackets, quotes, escapes, row-like JSON, citations and whitespace.
const fragment = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "[",
    "]",
    " [",
    "{",
    "}",
    '"',
    "\\",
    ",",
    " ",
    "\n",
    "[]",
    "null",
    "<mug_1>",
    "[1, 2]",
    '{"id":"x"}',
    '[{"id":"a_1","bbox":[0,0,1,1],"desc":"d"}]',
    '[{"id":"a_1","from":null,"src_bbox":null,"tgt_bbox":[0,0,1,1],"desc":"d"}',
  ),
);
const text = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(""));
// any finite number JSON writes back as itself (-0 is written as 0)
const coordinate = fc.oneof(
  fc.integer({ min: -50, max: 1100 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
);
const box: fc.Arbitrary<GridBox> = fc.tuple(coordinate, coordinate, coordinate, coordinate);
const layoutRow: fc.Arbitrary<LayoutRow> = fc.record({ id: text, bbox: box, desc: text });
const editRow: fc.Arbitrary<EditRow> = fc.record({
  id: text,
  from: fc.option(fc.constantFrom("ref_image_0", "ref_image_1", "ref_image_9" as const), { nil: null }),
  src_bbox: fc.option(box, { nil: null }),
  tgt_bbox: fc.option(box, { nil: null }),
  desc: text,
});
const rows: fc.Arbitrary<BoxRow[]> = fc.oneof(
  fc.array(layoutRow, { minLength: 1, maxLength: 4 }),
  fc.array(editRow, { minLength: 1, maxLength: 4 }),
  fc.array(fc.oneof(layoutRow, editRow), { minLength: 1, maxLength: 4 }),
);

describe("compose → parse round-trips", () => {
  it("any caption with rows reads back as that caption and those rows", () => {
    fc.assert(
      fc.property(text, rows, (caption, written) => {
        const parsed = parseBoxPrompt(composeBoxPrompt(caption, written));
        expect(parsed).toEqual({ caption, rows: written, kind: rowsKind(written), issues: [] });
      }),
      { numRuns: 500 },
    );
  });

  it("a caption without rows reads back whole, or compose refuses it as ambiguous", () => {
    fc.assert(
      fc.property(text, (caption) => {
        let prompt: string;
        try {
          prompt = composeBoxPrompt(caption, []);
        } catch (error) {
          expect(error).toBeInstanceOf(BoxPromptError);
          expect((error as BoxPromptError).code).toBe("ambiguous_caption");
          expect(parseBoxPrompt(caption).rows.length).toBeGreaterThan(0);
          return;
        }
        expect(prompt).toBe(caption);
        expect(parseBoxPrompt(prompt)).toMatchObject({ caption, rows: [], kind: "none" });
      }),
      { numRuns: 500 },
    );
  });

  it("parse never throws, and what it reads recomposes to a prompt that reads the same", () => {
    // free text, and text followed by rows as people write them: spaced JSON, fields in any order
    const written = fc
      .tuple(text, rows, fc.constantFrom(" ", "\n", ""), fc.boolean())
      .map(([caption, list, separator, pretty]) => {
        const json = JSON.stringify(
          pretty ? list.map((row) => Object.fromEntries(Object.entries(row).reverse())) : list,
          null,
          pretty ? 1 : 0,
        );
        return `${caption}${separator}${json}`;
      });
    fc.assert(
      fc.property(fc.oneof(text, written), (prompt) => {
        const parsed = parseBoxPrompt(prompt);
        if (parsed.rows.length === 0) {
          expect(parsed.caption).toBe(prompt);
          return;
        }
        expect(parseBoxPrompt(composeBoxPrompt(parsed.caption, parsed.rows))).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });
});
