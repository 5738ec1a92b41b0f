import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  editRowKind,
  keepRow,
  refImage,
  validateBoxes,
  type EditRow,
  type GridBox,
} from "@flux-kit/core/boxes";
import {
  actionOf,
  addedBox,
  boxRegion,
  drawnBox,
  drawnBoxes,
  gridPoint,
  mainBox,
  moveBox,
  nextId,
  placeBox,
  resizeBox,
  targetFor,
  withAction,
  WHOLE,
  type Handle,
} from "./layoutGeometry";

const coordinate = fc.integer({ min: 0, max: 1000 });
/** Any valid grid box: integers, inside 0–1000, at least 1 unit a side. */
const gridBox = fc
  .tuple(coordinate, coordinate, coordinate, coordinate)
  .filter(([a, b, c, d]) => a !== c && b !== d)
  .map(([a, b, c, d]): GridBox => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)]);
const delta = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }),
  fc.double({ min: -1500, max: 1500, noNaN: true }),
);
const handle = fc.constantFrom<Handle>("n", "s", "e", "w", "ne", "nw", "se", "sw");

/** What every box handed out must be: what validateBoxes accepts as a box. */
function expectValidBox(box: GridBox) {
  expect(box.every(Number.isInteger)).toBe(true);
  expect(box.every((n) => n >= 0 && n <= 1000)).toBe(true);
  expect(box[2] - box[0]).toBeGreaterThanOrEqual(1);
  expect(box[3] - box[1]).toBeGreaterThanOrEqual(1);
}

describe("pointer positions and drawn boxes", () => {
  test("a client position becomes a grid point, y first, snapped and clamped", () => {
    const rect = { left: 100, top: 50, width: 400, height: 200 };
    expect(gridPoint(300, 150, rect)).toEqual([500, 500]);
    expect(gridPoint(101, 51, rect)).toEqual([5, 3]); // 2.5 → 3 (rounded), 5
    expect(gridPoint(0, 0, rect)).toEqual([0, 0]);
    expect(gridPoint(900, 900, rect)).toEqual([1000, 1000]);
    expect(gridPoint(10, 10, { left: 0, top: 0, width: 0, height: 0 })).toEqual([0, 0]);
  });

  test("a drag in any direction draws the same box; a click draws nothing", () => {
    expect(drawnBox([100, 200], [300, 600])).toEqual([100, 200, 300, 600]);
    expect(drawnBox([300, 600], [100, 200])).toEqual([100, 200, 300, 600]);
    expect(drawnBox([300, 200], [100, 600])).toEqual([100, 200, 300, 600]);
    expect(drawnBox([400, 400], [400, 400])).toBeUndefined();
    // a drag along a line still gives a box, 1 unit thick, inside the grid
    expect(drawnBox([1000, 10], [1000, 90])).toEqual([999, 10, 1000, 90]);
  });

  test("property: any drag that moves gives a valid box spanning both points", () => {
    const point = fc.tuple(coordinate, coordinate);
    fc.assert(
      fc.property(point, point, (from, to) => {
        const box = drawnBox(from, to);
        if (from[0] === to[0] && from[1] === to[1]) return expect(box).toBeUndefined();
        expectValidBox(box!);
        expect(box![0]).toBeLessThanOrEqual(Math.min(from[0], to[0]));
        expect(box![2]).toBeGreaterThanOrEqual(Math.max(from[0], to[0]));
      }),
    );
  });
});

describe("moving and resizing", () => {
  test("moves stop at the grid's edges and keep the size", () => {
    expect(moveBox([380, 560, 860, 900], 10, 0)).toEqual([390, 560, 870, 900]);
    expect(moveBox([380, 560, 860, 900], 0, 500)).toEqual([380, 660, 860, 1000]);
    expect(moveBox([380, 560, 860, 900], -1000, -1000)).toEqual([0, 0, 480, 340]);
  });

  test("resizing moves the handle's edges and never turns a box inside out", () => {
    const box: GridBox = [100, 100, 300, 300];
    expect(resizeBox(box, "se", 10, 20)).toEqual([100, 100, 310, 320]);
    expect(resizeBox(box, "nw", -50, -200)).toEqual([50, 0, 300, 300]);
    expect(resizeBox(box, "n", 500, 500)).toEqual([299, 100, 300, 300]);
    expect(resizeBox(box, "w", 0, 900)).toEqual([100, 299, 300, 300]);
    expect(resizeBox(box, "e", 999, 999)).toEqual([100, 100, 300, 1000]);
  });

  test("property: a moved box is valid, the same size, and moved no further than asked", () => {
    fc.assert(
      fc.property(gridBox, delta, delta, (box, dy, dx) => {
        const moved = moveBox(box, dy, dx);
        expectValidBox(moved);
        expect([moved[2] - moved[0], moved[3] - moved[1]]).toEqual([box[2] - box[0], box[3] - box[1]]);
        expect(Math.abs(moved[0] - box[0])).toBeLessThanOrEqual(Math.abs(Math.round(dy)));
      }),
    );
  });

  test("property: a resized box is valid, validateBoxes finds nothing wrong, and unhandled edges stay", () => {
    fc.assert(
      fc.property(gridBox, handle, delta, delta, (box, which, dy, dx) => {
        const resized = resizeBox(box, which, dy, dx);
        expectValidBox(resized);
        const rows = [{ id: "box_1", bbox: resized, desc: "" }];
        expect(validateBoxes({ caption: "<box_1>", rows }).errors).toEqual([]);
        if (!which.includes("n")) expect(resized[0]).toBe(box[0]);
        if (!which.includes("s")) expect(resized[2]).toBe(box[2]);
        if (!which.includes("w")) expect(resized[1]).toBe(box[1]);
        if (!which.includes("e")) expect(resized[3]).toBe(box[3]);
      }),
    );
  });
});

describe("words and defaults", () => {
  test("a box's region, by its centre", () => {
    expect(boxRegion([380, 560, 860, 900])).toEqual(["lower", "right"]); // the mug of the poster
    expect(boxRegion([150, 150, 850, 850])).toEqual(["middle", "center"]);
    expect(boxRegion([120, 60, 330, 520])).toEqual(["upper", "left"]);
  });

  test("added boxes are 300 a side in the middle, each offset from the last; ids take the next free number", () => {
    expect(addedBox(0)).toEqual([350, 350, 650, 650]);
    expect(addedBox(1)).toEqual([380, 380, 680, 680]);
    for (let n = 0; n < 20; n++) expectValidBox(addedBox(n));
    expect(nextId([])).toBe("box_1");
    const row = (id: string) => ({ id, bbox: WHOLE, desc: "" });
    expect(nextId([row("box_1"), row("box_3")])).toBe("box_2");
    expect(nextId([row("box_2"), row("box_1")])).toBe("box_3");
  });
});

describe("edit rows", () => {
  const box: GridBox = [500, 40, 860, 180];
  const keep = keepRow({ id: "plant_1", from: refImage(1), box, desc: "The basil plant." });

  test("each action builds the row of BFL's table and keeps the drawn box", () => {
    const move = withAction(keep, "move");
    expect(move).toEqual({
      id: "plant_1",
      from: "ref_image_0",
      src_bbox: box,
      tgt_bbox: [500, 290, 860, 430],
      desc: "The basil plant.",
    });
    expect(withAction(keep, "change")).toEqual({
      id: "plant_1",
      from: null,
      src_bbox: null,
      tgt_bbox: box,
      desc: "The basil plant.",
    });
    expect(withAction(keep, "remove")).toEqual({
      id: "plant_1",
      from: "ref_image_0",
      src_bbox: box,
      tgt_bbox: null,
      desc: "The basil plant.",
    });
    expect(withAction(keep, "3")).toEqual({
      id: "plant_1",
      from: "ref_image_2",
      src_bbox: WHOLE,
      tgt_bbox: box,
      desc: "The basil plant.",
    });
    for (const action of ["keep", "move", "change", "remove", "2", "3"] as const) {
      const row = withAction(withAction(keep, action), "keep");
      expect(row).toEqual(keep);
      expect(actionOf(withAction(keep, action))).toBe(action);
      expect(mainBox(withAction(keep, action))).toEqual(box);
    }
  });

  test("a move keeps its target, a take from the same picture its source; a move's target is drawn too", () => {
    const move: EditRow = { ...withAction(keep, "move"), tgt_bbox: [0, 0, 100, 100] };
    expect(withAction(move, "move", [10, 10, 20, 20]).tgt_bbox).toEqual([0, 0, 100, 100]);
    expect(drawnBoxes(move)).toEqual([box, [0, 0, 100, 100]]);
    const take: EditRow = { ...withAction(keep, "2"), src_bbox: [1, 2, 3, 4] };
    expect(withAction(take, "2").src_bbox).toEqual([1, 2, 3, 4]);
    expect(withAction(take, "3").src_bbox).toEqual(WHOLE);
    expect(targetFor([0, 900, 100, 1000])).toEqual([0, 650, 100, 750]);
  });

  test("placing a box sets the main box (both boxes of a keep) or a move's target", () => {
    const rows = [keep, withAction(keep, "move")];
    const [kept, moved] = placeBox(rows, 0, false, [1, 1, 2, 2]);
    expect(kept).toMatchObject({ src_bbox: [1, 1, 2, 2], tgt_bbox: [1, 1, 2, 2] });
    expect(moved).toBe(rows[1]);
    const target = placeBox(rows, 1, true, [7, 7, 9, 9])[1] as EditRow;
    expect(target).toMatchObject({ src_bbox: box, tgt_bbox: [7, 7, 9, 9] });
    expect(placeBox([{ id: "a_1", bbox: WHOLE, desc: "" }], 0, false, box)).toEqual([
      { id: "a_1", bbox: box, desc: "" },
    ]);
  });

  test("property: any action, then any box, gives a row of that kind that validateBoxes accepts", () => {
    const action = fc.constantFrom("keep", "move", "change", "remove", "2", "4", "10" as const);
    fc.assert(
      fc.property(action, gridBox, (chosen, drawn) => {
        const [row] = placeBox([withAction(keep, chosen)], 0, false, drawn) as [EditRow];
        const kind = editRowKind(row);
        expect(kind).toBeDefined();
        expect(mainBox(row)).toEqual(drawn);
        const result = validateBoxes({ caption: "<plant_1>", rows: [row] }, { images: 10 });
        expect(result.errors).toEqual([]);
      }),
    );
  });
});
