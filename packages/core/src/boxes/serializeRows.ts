import { isLayoutRow, type BoxRow } from "./BoxRow";

// A module of its own (and a chunk of its own in the build): a form that only writes rows into its prompt loads
// this, not the parser and checks the rest of `@flux-kit/core/boxes` holds.

/** Each row with its fields in BFL's order, whatever order the object has them in. */
const ordered = (row: BoxRow) =>
  isLayoutRow(row)
    ? { id: row.id, bbox: row.bbox, desc: row.desc }
    : { id: row.id, from: row.from, src_bbox: row.src_bbox, tgt_bbox: row.tgt_bbox, desc: row.desc };

/**
 * The rows as the prompt writes them after the caption and one space: one JSON array, no spaces, each row's
 * fields in BFL's order (docs/bfl-api.md Part II §2.8); `""` for no rows. `composeBoxPrompt` also checks that the
 * whole prompt reads back.
 * @example serializeRows([layoutRow("mug_1", [380, 560, 860, 900], "A white mug.")])
 * // '[{"id":"mug_1","bbox":[380,560,860,900],"desc":"A white mug."}]'
 */
export const serializeRows = (rows: readonly BoxRow[]): string =>
  rows.length === 0 ? "" : JSON.stringify(rows.map(ordered));
