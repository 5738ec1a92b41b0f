import { describe, expectTypeOf, it } from "vitest";
import {
  changeRow,
  editRowKind,
  keepRow,
  layoutRow,
  moveRow,
  parseBoxPrompt,
  refImage,
  removeRow,
  takeRow,
  validateBoxes,
  type BoxIssue,
  type BoxRow,
  type EditRow,
  type EditRowKind,
  type GridBox,
  type LayoutRow,
  type RefImage,
} from "./index";

const box: GridBox = [0, 0, 10, 10];

describe("box types", () => {
  it("refImage turns the 1-based number into the literal 0-based name", () => {
    expectTypeOf(refImage(1)).toEqualTypeOf<"ref_image_0">();
    expectTypeOf(refImage(10)).toEqualTypeOf<"ref_image_9">();
    const n: number = 3;
    expectTypeOf(refImage(n)).toEqualTypeOf<RefImage>();
    // @ts-expect-error prose counts from 1: there is no image 0
    refImage(0);
    // @ts-expect-error at most ten references
    refImage(11);
    expectTypeOf<"ref_image_10">().not.toExtend<RefImage>();
  });

  it("a layout row has no from and no edit boxes", () => {
    const row = layoutRow("mug_1", box, "d");
    expectTypeOf(row).toEqualTypeOf<LayoutRow>();
    expectTypeOf(row).not.toHaveProperty("from");
    expectTypeOf(row.bbox).toEqualTypeOf<GridBox>();
    // @ts-expect-error a layout row has no tgt_bbox
    void row.tgt_bbox;
  });

  it("each edit builder's row has its kind's nulls", () => {
    const change = changeRow({ id: "a_1", box, desc: "d" });
    expectTypeOf(change.from).toEqualTypeOf<null>();
    expectTypeOf(change.src_bbox).toEqualTypeOf<null>();
    expectTypeOf(change.tgt_bbox).toEqualTypeOf<GridBox>();
    const remove = removeRow({ id: "a_1", from: refImage(1), box, desc: "d" });
    expectTypeOf(remove.tgt_bbox).toEqualTypeOf<null>();
    expectTypeOf(remove.from).toEqualTypeOf<RefImage>();
    const take = takeRow({ id: "a_1", from: refImage(2), src: box, tgt: box, desc: "d" });
    expectTypeOf(take.src_bbox).toEqualTypeOf<GridBox>();
    for (const row of [change, remove, take]) expectTypeOf(row).toExtend<EditRow>();
    expectTypeOf(editRowKind(take)).toEqualTypeOf<EditRowKind | undefined>();
    expectTypeOf<EditRowKind>().toEqualTypeOf<"keep" | "move" | "change" | "remove" | "take">();
  });

  it("the reference is explicit, and the edited picture is refImage(1)", () => {
    // @ts-expect-error keep needs its reference
    keepRow({ id: "a_1", box, desc: "d" });
    // @ts-expect-error image 1 is ref_image_0; "ref_image_1" is the second picture
    keepRow({ id: "a_1", from: "ref_image_1", box, desc: "d" });
    // @ts-expect-error moving acts on the edited picture
    moveRow({ id: "a_1", from: refImage(2), src: box, tgt: box, desc: "d" });
    // @ts-expect-error removing acts on the edited picture
    removeRow({ id: "a_1", from: refImage(3), box, desc: "d" });
    // @ts-expect-error taking from the edited picture is a move
    takeRow({ id: "a_1", from: refImage(1), src: box, tgt: box, desc: "d" });
    // @ts-expect-error a reference is a row name, not a number
    takeRow({ id: "a_1", from: 2, src: box, tgt: box, desc: "d" });
    // @ts-expect-error a change row has no reference
    changeRow({ id: "a_1", from: refImage(1), box, desc: "d" });
  });

  it("a grid box is four numbers, read-only", () => {
    // @ts-expect-error three numbers
    const three: GridBox = [0, 0, 10];
    // @ts-expect-error read-only
    box[0] = 1;
    void three;
  });

  it("parse and validate results are typed for a UI", () => {
    expectTypeOf(parseBoxPrompt("x").rows).toEqualTypeOf<readonly BoxRow[]>();
    expectTypeOf(parseBoxPrompt("x").kind).toEqualTypeOf<"layout" | "edit" | "none" | "mixed">();
    const { errors, warnings } = validateBoxes("x");
    expectTypeOf(errors[0]!.severity).toEqualTypeOf<"error">();
    expectTypeOf(warnings[0]!.severity).toEqualTypeOf<"warning">();
    const issue = {} as BoxIssue;
    if (issue.code === "duplicate_id") expectTypeOf(issue.firstIndex).toEqualTypeOf<number>();
    if (issue.code === "box_too_small") expectTypeOf(issue.widthPx).toEqualTypeOf<number>();
    if (issue.code === "missing_row") expectTypeOf(issue).not.toHaveProperty("index");
  });
});
