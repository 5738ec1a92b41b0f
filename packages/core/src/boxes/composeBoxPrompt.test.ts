import { describe, expect, it } from "vitest";
import { kitchenEditBody, posterBody, runnerCaption } from "../../test/boxExamples";
import type { BoxRow } from "./BoxRow";
import { BoxPromptError, composeBoxPrompt } from "./composeBoxPrompt";
import { layoutRow } from "./layoutRow";
import { parseBoxPrompt } from "./parseBoxPrompt";

const runnerRows = [
  layoutRow("background_1", [0, 0, 1000, 1000], "A dusky orange sky over a flat plain."),
  layoutRow("silhouette_1", [150, 150, 850, 850], "The black silhouette of a runner mid-stride."),
];

describe("composeBoxPrompt", () => {
  it("is the caption, one space, then the rows as compact JSON", () => {
    expect(composeBoxPrompt(runnerCaption, runnerRows)).toBe(
      `${runnerCaption} [{"id":"background_1","bbox":[0,0,1000,1000],"desc":"A dusky orange sky over a flat plain."},` +
        `{"id":"silhouette_1","bbox":[150,150,850,850],"desc":"The black silhouette of a runner mid-stride."}]`,
    );
  });

  it("with no rows is the caption alone", () => {
    expect(composeBoxPrompt(runnerCaption, [])).toBe(runnerCaption);
    expect(composeBoxPrompt("a list [1, 2]", [])).toBe("a list [1, 2]");
  });

  it("recomposes both bodies of §2.9 byte for byte", () => {
    for (const { prompt } of [posterBody, kitchenEditBody]) {
      const { caption, rows } = parseBoxPrompt(prompt);
      expect(composeBoxPrompt(caption, rows)).toBe(prompt);
    }
  });

  it("writes fields in BFL's order whatever order the objects have", () => {
    const shuffled = [
      { desc: "d", tgt_bbox: [1, 2, 3, 4], src_bbox: null, from: null, id: "a_1" },
      { desc: "e", bbox: [0, 0, 10, 10], id: "b_1" },
    ] as unknown as BoxRow[];
    expect(composeBoxPrompt("c", shuffled)).toBe(
      'c [{"id":"a_1","from":null,"src_bbox":null,"tgt_bbox":[1,2,3,4],"desc":"d"},{"id":"b_1","bbox":[0,0,10,10],"desc":"e"}]',
    );
  });

  it("keeps captions with brackets and JSON of their own readable", () => {
    const caption = 'The sign <sign_1> reads [OPEN] and the note says [{"id":"x"}]';
    const rows = [layoutRow("sign_1", [0, 0, 500, 500], 'The words "[OPEN]" in neon. [1, 2]')];
    const prompt = composeBoxPrompt(caption, rows);
    expect(parseBoxPrompt(prompt)).toMatchObject({ caption, rows, kind: "layout" });
  });

  it("refuses a caption that would read back as rows when no rows are given", () => {
    const looksLikeRows = `${runnerCaption} [{"id":"a_1","bbox":[0,0,1,1],"desc":"d"}]`;
    expect(() => composeBoxPrompt(looksLikeRows, [])).toThrow(BoxPromptError);
    try {
      composeBoxPrompt(looksLikeRows, []);
    } catch (error) {
      expect(error).toMatchObject({ name: "BoxPromptError", code: "ambiguous_caption" });
    }
  });

  it("refuses rows JSON cannot carry (a NaN coordinate is written as null)", () => {
    const rows = [layoutRow("a_1", [Number.NaN, 0, 10, 10], "d")];
    expect(() => composeBoxPrompt("<a_1>", rows)).toThrow(
      expect.objectContaining({ code: "unwritable_rows" }) as Error,
    );
  });
});
