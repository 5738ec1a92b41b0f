import { describe, expect, it } from "vitest";
import type { GridBox } from "./BoxRow";
import { changeRow, keepRow, moveRow, removeRow, takeRow } from "./editRow";
import { editRowKind } from "./editRowKind";
import { layoutRow } from "./layoutRow";
import { refImage } from "./refImage";

const window: GridBox = [40, 300, 520, 700];

describe("row builders", () => {
  it("layoutRow writes BFL's runner rows with fields in order", () => {
    const rows = [
      layoutRow("background_1", [0, 0, 1000, 1000], "A dusky orange sky."),
      layoutRow("silhouette_1", [150, 150, 850, 850], "A runner's silhouette."),
    ];
    expect(JSON.stringify(rows)).toBe(
      '[{"id":"background_1","bbox":[0,0,1000,1000],"desc":"A dusky orange sky."},' +
        '{"id":"silhouette_1","bbox":[150,150,850,850],"desc":"A runner\'s silhouette."}]',
    );
  });

  it("copies boxes, so a later change to the caller's array leaves the row alone", () => {
    const box: [number, number, number, number] = [1, 2, 3, 4];
    const row = layoutRow("a_1", box, "x");
    box[0] = 99;
    expect(row.bbox).toEqual([1, 2, 3, 4]);
  });

  it("each edit builder writes id, from, src_bbox, tgt_bbox, desc in that order, as its kind", () => {
    const photo = refImage(1);
    const rows = {
      keep: keepRow({ id: "window_1", from: photo, box: window, desc: "The window." }),
      move: moveRow({
        id: "plant_1",
        from: photo,
        src: [500, 40, 860, 180],
        tgt: [500, 820, 860, 960],
        desc: "Basil.",
      }),
      change: changeRow({ id: "kettle_1", box: [560, 120, 860, 330], desc: "A red kettle." }),
      remove: removeRow({ id: "mug_1", from: photo, box: [700, 520, 860, 620], desc: "A blue mug." }),
      take: takeRow({
        id: "lamp_1",
        from: refImage(2),
        src: [80, 250, 920, 750],
        tgt: [260, 640, 700, 800],
        desc: "A lamp.",
      }),
    };
    for (const [kind, row] of Object.entries(rows)) {
      expect(Object.keys(row)).toEqual(["id", "from", "src_bbox", "tgt_bbox", "desc"]);
      expect(editRowKind(row)).toBe(kind);
    }
    expect(rows.keep).toEqual({
      id: "window_1",
      from: "ref_image_0",
      src_bbox: window,
      tgt_bbox: window,
      desc: "The window.",
    });
    expect(rows.change).toMatchObject({ from: null, src_bbox: null });
    expect(rows.remove.tgt_bbox).toBeNull();
    expect(rows.take.from).toBe("ref_image_1");
  });
});

describe("editRowKind", () => {
  const row = (from: "ref_image_0" | "ref_image_1" | null, src: GridBox | null, tgt: GridBox | null) => ({
    id: "x_1",
    from,
    src_bbox: src,
    tgt_bbox: tgt,
    desc: "d",
  });

  it("follows BFL's table", () => {
    expect(editRowKind(row("ref_image_0", window, window))).toBe("keep");
    expect(editRowKind(row("ref_image_0", window, [0, 0, 10, 10]))).toBe("move");
    expect(editRowKind(row(null, null, window))).toBe("change");
    expect(editRowKind(row("ref_image_0", window, null))).toBe("remove");
    expect(editRowKind(row("ref_image_1", window, window))).toBe("take");
  });

  it("is undefined for combinations outside the table", () => {
    expect(editRowKind(row(null, window, window))).toBeUndefined();
    expect(editRowKind(row(null, null, null))).toBeUndefined();
    expect(editRowKind(row("ref_image_0", null, window))).toBeUndefined();
    expect(editRowKind(row("ref_image_0", null, null))).toBeUndefined();
    expect(editRowKind(row("ref_image_1", window, null))).toBeUndefined();
  });
});
