import { describe, expect, it } from "vitest";
import { kitchenEditBody, posterBody } from "../../test/boxExamples";
import { parseBoxPrompt } from "./parseBoxPrompt";

const row = '{"id":"mug_1","bbox":[380,560,860,900],"desc":"A mug."}';

describe("parseBoxPrompt", () => {
  it("reads §2.9's layout body", () => {
    const parsed = parseBoxPrompt(posterBody.prompt);
    expect(parsed.kind).toBe("layout");
    expect(parsed.caption).toBe(
      "Product poster. A white mug <mug_1> stands on an oak table <table_1> in front of a terracotta wall <background_1>, with the headline <headline_1> at the upper left.",
    );
    expect(parsed.rows.map((r) => r.id)).toEqual(["background_1", "table_1", "mug_1", "headline_1"]);
    expect(parsed.rows[3]).toMatchObject({
      bbox: [120, 60, 330, 520],
      desc: 'The words "MORNING RITUAL" in bold cream sans-serif capitals, two centered lines.',
    });
    expect(parsed.issues).toEqual([]);
  });

  it("reads §2.9's edit body, every kind", () => {
    const parsed = parseBoxPrompt(kitchenEditBody.prompt);
    expect(parsed.kind).toBe("edit");
    expect(parsed.caption.startsWith("In <ref_image_0>, keep the window <window_1>")).toBe(true);
    expect(parsed.rows).toHaveLength(5);
    expect(parsed.rows[1]).toEqual({
      id: "kettle_1",
      from: null,
      src_bbox: null,
      tgt_bbox: [560, 120, 860, 330],
      desc: "A matte red enamel kettle with a black handle, same size and place as the old kettle.",
    });
    expect(parsed.rows[4]).toMatchObject({ id: "lamp_1", from: "ref_image_1" });
  });

  it("leaves a prompt without rows whole", () => {
    for (const prompt of [
      "A fox in snow.",
      "A list [1, 2]",
      "Brackets [] at the end []",
      "",
      "A [draft] poster",
    ]) {
      expect(parseBoxPrompt(prompt)).toEqual({ caption: prompt, rows: [], kind: "none", issues: [] });
    }
  });

  it("takes only the trailing array that parses into rows, whatever the caption holds", () => {
    const caption = 'A poster [draft] <mug_1> with {"json": [1, 2]} and [{"not": "a row"}]';
    const parsed = parseBoxPrompt(`${caption} [${row}]`);
    expect(parsed.caption).toBe(caption);
    expect(parsed.rows).toHaveLength(1);
  });

  it("takes exactly one space off: the caption keeps any other whitespace", () => {
    expect(parseBoxPrompt(`A mug <mug_1>  [${row}]`).caption).toBe("A mug <mug_1> ");
    expect(parseBoxPrompt(` [${row}]`).caption).toBe("");
  });

  it("reports mixed rows as such", () => {
    const edit = '{"id":"a_1","from":null,"src_bbox":null,"tgt_bbox":[0,0,5,5],"desc":"d"}';
    expect(parseBoxPrompt(`x [${row},${edit}]`).kind).toBe("mixed");
  });

  it("reads values it can check later: fractions and off-grid numbers are rows", () => {
    const parsed = parseBoxPrompt('x [{"id":"a_1","bbox":[0.5,-3,1200,10],"desc":"d"}]');
    expect(parsed.rows[0]).toMatchObject({ bbox: [0.5, -3, 1200, 10] });
  });
});

describe("parseBoxPrompt: broken rows are an issue, never a throw", () => {
  const broken = (prompt: string) => {
    const parsed = parseBoxPrompt(prompt);
    expect(parsed).toMatchObject({ caption: prompt, rows: [], kind: "none" });
    expect(parsed.issues).toHaveLength(1);
    return parsed.issues[0];
  };

  it("rows that are not JSON", () => {
    const issue = broken(`A mug <mug_1> [{"id":"mug_1","bbox":[0,0,10,10],"desc":"d",}]`);
    expect(issue).toMatchObject({ code: "malformed_rows", severity: "error" });
    expect(issue?.message).toMatch(/not valid JSON/);
    expect(issue).toHaveProperty("detail");
  });

  it("a row missing a field, with a box of three numbers, or an unknown field", () => {
    expect(broken('x [{"id":"mug_1","bbox":[0,0,10,10]}]')).toMatchObject({
      code: "malformed_rows",
      index: 0,
      message: 'Row 1 ("mug_1") has no "desc"; no box rows were read.',
    });
    expect(broken(`x [${row},{"id":"b_1","bbox":[0,0,10],"desc":"d"}]`)?.message).toMatch(
      /^Row 2 \("b_1"\) "bbox" must be four numbers/,
    );
    expect(broken('x [{"id":"a_1","bbox":[0,0,1,1],"desc":"d","label":"x"}]')?.message).toMatch(/"label"/);
    expect(broken('x [{"id":"a_1","bbox":[0,0,1,1],"tgt_bbox":null,"desc":"d"}]')?.message).toMatch(/mixes/);
    expect(broken('x [{"id":"a_1","desc":"d"}]')?.message).toMatch(/neither/);
    expect(broken(`x [${row}, 5]`)?.message).toMatch(/^Row 2 is not an object/);
  });

  it("an edit row naming a reference past ref_image_9 or by another name", () => {
    const edit = (from: string) =>
      `x [{"id":"a_1","from":"${from}","src_bbox":[0,0,1,1],"tgt_bbox":null,"desc":"d"}]`;
    expect(broken(edit("ref_image_10"))?.message).toMatch(/"from" must be null or a reference/);
    expect(broken(edit("image_1"))?.message).toMatch(/"from"/);
  });

  it("rows not after one space, or with text after them", () => {
    expect(broken(`x\n[${row}]`)).toMatchObject({ code: "misplaced_rows" });
    expect(broken(`[${row}]`)).toMatchObject({ code: "misplaced_rows" });
    expect(broken(`x [${row}]\n`)?.message).toMatch(/Nothing may follow/);
  });
});
