import { isLayoutRow, type BoxRow, type EditRow, type GridBox } from "./BoxRow";
import type { BoxError, BoxField, BoxTooSmallIssue, BoxValueIssue } from "./BoxIssue";
import { editRowKind } from "./editRowKind";
import { rowLabel } from "./rowLabel";
import { ID_PATTERN, isReferenceName } from "./scanCaption";
import { GRID_MAX, type PixelFrame } from "./toGridBox";

/** A row's boxes with their field names, `null` ones left out. */
export function boxesOf(row: BoxRow): [BoxField, GridBox][] {
  if (isLayoutRow(row)) return [["bbox", row.bbox]];
  const boxes: [BoxField, GridBox][] = [];
  if (row.src_bbox) boxes.push(["src_bbox", row.src_bbox]);
  if (row.tgt_bbox) boxes.push(["tgt_bbox", row.tgt_bbox]);
  return boxes;
}

/** Integers, on the grid, top < bottom and left < right. */
function checkBox(box: GridBox, field: BoxField, index: number, id: string): BoxValueIssue[] {
  const at = `${rowLabel(index, id)}: ${field} [${box.join(", ")}]`;
  const issue = (code: BoxValueIssue["code"], message: string): BoxValueIssue => ({
    code,
    severity: "error",
    message: `${at} ${message}`,
    index,
    id,
    field,
    box,
  });
  const issues: BoxValueIssue[] = [];
  if (!box.every(Number.isInteger)) {
    issues.push(
      issue("not_integer", "has a coordinate that is not a whole number; the grid takes integers."),
    );
  }
  if (!box.every((n) => n >= 0 && n <= GRID_MAX)) {
    issues.push(issue("outside_grid", `goes outside the grid; every coordinate lies in 0–${GRID_MAX}.`));
  }
  const [top, left, bottom, right] = box;
  if (box.every(Number.isFinite) && (top >= bottom || left >= right)) {
    issues.push(
      issue(
        "inverted_box",
        top >= bottom
          ? `is empty or upside down: bottom (${bottom}) must be greater than top (${top}); boxes are [top, left, bottom, right].`
          : `is empty or mirrored: right (${right}) must be greater than left (${left}); boxes are [top, left, bottom, right].`,
      ),
    );
  }
  return issues;
}

/**
 * The checks of one list of rows that need no caption: ids, duplicates, boxes, mixed kinds, edit kinds.
 */
export function checkRows(rows: readonly BoxRow[]): BoxError[] {
  const errors: BoxError[] = [];
  const firstIndex = new Map<string, number>();
  const firstIsLayout = rows[0] !== undefined && isLayoutRow(rows[0]);
  let mixedReported = false;
  for (const [index, row] of rows.entries()) {
    const { id } = row;
    const label = rowLabel(index, id);
    if (isReferenceName(id)) {
      errors.push({
        code: "invalid_id",
        severity: "error",
        message: `${label}: ${id} names a reference picture, not an element; give the element its own id, such as "lamp_1".`,
        id,
        index,
      });
    } else if (!ID_PATTERN.test(id)) {
      errors.push({
        code: "invalid_id",
        severity: "error",
        message: `${label}: ids are a short lowercase name and a number, such as "mug_1" (letters a–z, digits and "_", starting with a letter).`,
        id,
        index,
      });
    }
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else {
      errors.push({
        code: "duplicate_id",
        severity: "error",
        message: `${label}: row ${first + 1} already has this id; each element needs its own.`,
        index,
        id,
        firstIndex: first,
      });
    }
    for (const [field, box] of boxesOf(row)) errors.push(...checkBox(box, field, index, id));
    if (!mixedReported && isLayoutRow(row) !== firstIsLayout) {
      mixedReported = true;
      errors.push({
        code: "mixed_rows",
        severity: "error",
        message: `${label} is ${firstIsLayout ? "an edit row" : "a layout row"} among ${firstIsLayout ? "layout" : "edit"} rows; a prompt has layout rows (a new image) or edit rows, not both.`,
        index,
        id,
      });
    }
    if (!isLayoutRow(row) && editRowKind(row) === undefined) {
      errors.push({
        code: "inconsistent_edit_row",
        severity: "error",
        message: inconsistency(label, row),
        index,
        id,
      });
    }
  }
  return errors;
}

function inconsistency(label: string, row: EditRow): string {
  const kinds = "keep, move, new or change, remove, or take from another picture";
  if (row.from === null && row.src_bbox !== null) {
    return `${label} has "from": null (a new element) but a src_bbox; a new element has no source box. Rows are ${kinds}.`;
  }
  if (row.from === null)
    return `${label} has neither "from" nor a tgt_bbox: it places nothing. Rows are ${kinds}.`;
  if (row.src_bbox === null) {
    return `${label} takes from ${row.from} but has no src_bbox to say where the element is there. Rows are ${kinds}.`;
  }
  return `${label} removes from ${row.from}, but only the edited picture (ref_image_0) has elements to remove; to take an element from ${row.from}, give it a tgt_bbox.`;
}

/** Warnings for boxes where something is drawn (layout boxes; change, move and take targets) under `minSidePx`. */
export function smallBoxes(
  rows: readonly BoxRow[],
  frame: PixelFrame,
  minSidePx: number,
): BoxTooSmallIssue[] {
  const warnings: BoxTooSmallIssue[] = [];
  for (const [index, row] of rows.entries()) {
    const kind = isLayoutRow(row) ? "layout" : editRowKind(row);
    if (kind === undefined || kind === "keep" || kind === "remove") continue;
    const [field, box] = isLayoutRow(row)
      ? (["bbox", row.bbox] as const)
      : (["tgt_bbox", row.tgt_bbox] as const);
    if (box === null) continue;
    const [top, left, bottom, right] = box;
    const widthPx = ((right - left) / GRID_MAX) * frame.width;
    const heightPx = ((bottom - top) / GRID_MAX) * frame.height;
    if (widthPx <= 0 || heightPx <= 0 || Math.min(widthPx, heightPx) >= minSidePx) continue;
    warnings.push({
      code: "box_too_small",
      severity: "warning",
      message: `${rowLabel(index, row.id)}: ${field} is about ${Math.round(widthPx)} × ${Math.round(heightPx)} px on a ${frame.width} × ${frame.height} frame; elements in boxes under ${minSidePx} px on a side often do not appear.`,
      index,
      id: row.id,
      field,
      widthPx,
      heightPx,
      minSidePx,
    });
  }
  return warnings;
}
