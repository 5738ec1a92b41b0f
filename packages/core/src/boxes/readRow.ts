import { isJsonObject } from "../bfl/json";
import type { BoxRow, GridBox } from "./BoxRow";
import { isRefImage } from "./refImage";

const LAYOUT_KEYS = ["id", "bbox", "desc"] as const;
const EDIT_KEYS = ["id", "from", "src_bbox", "tgt_bbox", "desc"] as const;
const ROW_KEYS: ReadonlySet<string> = new Set([...LAYOUT_KEYS, ...EDIT_KEYS]);

/** Whether a parsed JSON value looks meant as a row: an object with at least one of the rows' keys. */
export const looksLikeRow = (value: unknown): boolean =>
  isJsonObject(value) && Object.keys(value).some((key) => ROW_KEYS.has(key));

const isBox = (value: unknown): value is GridBox =>
  Array.isArray(value) && value.length === 4 && value.every((n) => typeof n === "number");

const BOX_SHAPE = "four numbers [top, left, bottom, right]";

/**
 * One element of a trailing JSON array as a row, or what is wrong with it (a sentence without the row's label).
 * Values are only type-checked here (numbers, strings, `null`); `validateBoxes` checks ranges and kinds. The row
 * is rebuilt with its fields in BFL's order.
 */
export function readRow(value: unknown): { row: BoxRow } | { problem: string } {
  if (!isJsonObject(value)) return { problem: "is not an object" };
  const keys = "bbox" in value ? LAYOUT_KEYS : EDIT_KEYS;
  if (keys === EDIT_KEYS && !["from", "src_bbox", "tgt_bbox"].some((key) => key in value)) {
    return {
      problem: `has neither a layout row's "bbox" nor an edit row's "from", "src_bbox" and "tgt_bbox"`,
    };
  }
  const unknown = Object.keys(value).find((key) => !(keys as readonly string[]).includes(key));
  if (unknown !== undefined) {
    return {
      problem:
        keys === LAYOUT_KEYS && ROW_KEYS.has(unknown)
          ? `mixes a layout row's "bbox" with an edit row's ${JSON.stringify(unknown)}`
          : `has a field rows do not have: ${JSON.stringify(unknown)}`,
    };
  }
  const missing = keys.find((key) => !(key in value));
  if (missing !== undefined) return { problem: `has no ${JSON.stringify(missing)}` };
  const { id, desc } = value;
  if (typeof id !== "string") return { problem: `"id" must be a string` };
  if (typeof desc !== "string") return { problem: `"desc" must be a string` };
  if (keys === LAYOUT_KEYS) {
    return isBox(value["bbox"])
      ? { row: { id, bbox: value["bbox"], desc } }
      : { problem: `"bbox" must be ${BOX_SHAPE}` };
  }
  const { from, src_bbox, tgt_bbox } = value;
  if (from !== null && !isRefImage(from)) {
    return { problem: `"from" must be null or a reference ref_image_0 … ref_image_9` };
  }
  if (src_bbox !== null && !isBox(src_bbox)) return { problem: `"src_bbox" must be null or ${BOX_SHAPE}` };
  if (tgt_bbox !== null && !isBox(tgt_bbox)) return { problem: `"tgt_bbox" must be null or ${BOX_SHAPE}` };
  return { row: { id, from, src_bbox, tgt_bbox, desc } };
}
