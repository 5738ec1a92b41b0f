import type { EditRow, EditRowKind, GridBox } from "./BoxRow";

const sameBox = (a: GridBox, b: GridBox) => a.every((value, i) => value === b[i]);

/**
 * Which of BFL's five edit kinds a row is, from its `from`, `src_bbox` and `tgt_bbox` (docs/bfl-api.md Part II
 * §2.8), or `undefined` when the combination is none of them (e.g. `from: null` with a `src_bbox`, both boxes
 * `null`, or a removal from a picture other than the edited one, `ref_image_0`).
 * @example editRowKind(removeRow({ id: "mug_1", from: refImage(1), box, desc })) // "remove"
 */
export function editRowKind(row: EditRow): EditRowKind | undefined {
  const { from, src_bbox: src, tgt_bbox: tgt } = row;
  if (from === null) return src === null && tgt !== null ? "change" : undefined;
  if (src === null) return undefined;
  if (tgt === null) return from === "ref_image_0" ? "remove" : undefined;
  if (from !== "ref_image_0") return "take";
  return sameBox(src, tgt) ? "keep" : "move";
}
