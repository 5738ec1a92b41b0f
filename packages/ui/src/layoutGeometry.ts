import {
  GRID_MAX,
  changeRow,
  editRowKind,
  imageNumber,
  isLayoutRow,
  keepRow,
  moveRow,
  refImage,
  removeRow,
  takeRow,
  type BoxRow,
  type EditRow,
  type GridBox,
  type OtherImage,
} from "@flux-kit/core/boxes";
import type { BoxRegion } from "./layoutEditorLabels";

// The arithmetic of LayoutEditor: boxes on FLUX 3's 0–1000 grid, drawn, moved and resized by pointer or keyboard,
// and the rows they belong to. Every box that leaves here is integers, inside the grid, at least 1 unit a side.

/** A point on the grid, y first like the boxes: `[y, x]`. */
export type GridPoint = readonly [y: number, x: number];

/** A resize handle: the edges it moves (`n` top, `s` bottom, `w` left, `e` right). */
export type Handle = "n" | "s" | "e" | "w" | "ne" | "nw" | "se" | "sw";

/** What a box does in edit mode: one of BFL's kinds, or `"2"` … `"10"` to take from that picture. */
export type BoxAction = "keep" | "move" | "change" | "remove" | `${number}`;

/** The whole picture: a take row's source until a part of it is chosen. */
export const WHOLE: GridBox = [0, 0, GRID_MAX, GRID_MAX];

const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, Math.round(n)));

/** Whether two boxes are the same. */
export const sameBox = (a: GridBox, b: GridBox): boolean => a.every((value, i) => value === b[i]);

/** A position on an element (client pixels) as a grid point, snapped and clamped. */
export function gridPoint(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
): GridPoint {
  const at = (pixels: number, side: number) => clamp(side > 0 ? (pixels / side) * GRID_MAX : 0, 0, GRID_MAX);
  return [at(clientY - rect.top, rect.height), at(clientX - rect.left, rect.width)];
}

/**
 * The box dragged out from `from` to `to`, whichever way; `undefined` for a click (no movement). A drag along a
 * line still gives a box 1 unit thick.
 */
export function drawnBox(from: GridPoint, to: GridPoint): GridBox | undefined {
  if (from[0] === to[0] && from[1] === to[1]) return undefined;
  const top = clamp(Math.min(from[0], to[0]), 0, GRID_MAX - 1);
  const left = clamp(Math.min(from[1], to[1]), 0, GRID_MAX - 1);
  return [top, left, Math.max(top + 1, from[0], to[0]), Math.max(left + 1, from[1], to[1])];
}

/** `box` moved by `dy`, `dx` grid units, stopped at the grid's edges; its size is kept. */
export function moveBox(box: GridBox, dy: number, dx: number): GridBox {
  const [top, left, bottom, right] = box;
  const y = clamp(top + dy, 0, GRID_MAX - (bottom - top));
  const x = clamp(left + dx, 0, GRID_MAX - (right - left));
  return [y, x, y + bottom - top, x + right - left];
}

/** `box` with the edges of `handle` moved by `dy`, `dx`, inside the grid and never past the opposite edge. */
export function resizeBox(box: GridBox, handle: Handle, dy: number, dx: number): GridBox {
  let [top, left, bottom, right] = box;
  if (handle.includes("n")) top = clamp(top + dy, 0, bottom - 1);
  if (handle.includes("s")) bottom = clamp(bottom + dy, top + 1, GRID_MAX);
  if (handle.includes("w")) left = clamp(left + dx, 0, right - 1);
  if (handle.includes("e")) right = clamp(right + dx, left + 1, GRID_MAX);
  return [top, left, bottom, right];
}

/** Where a box's centre is, by thirds (with a wider middle band: 400–600). */
export function boxRegion([top, left, bottom, right]: GridBox): BoxRegion {
  const third = <T>(centre: number, [low, mid, high]: readonly [T, T, T]) =>
    centre < 0.4 * GRID_MAX ? low : centre > 0.6 * GRID_MAX ? high : mid;
  return [
    third((top + bottom) / 2, ["upper", "middle", "lower"] as const),
    third((left + right) / 2, ["left", "center", "right"] as const),
  ];
}

/** The box the Add button places: 300 units a side in the middle, each next one 30 down and right of the last. */
export function addedBox(count: number): GridBox {
  const start = 350 + (count % 6) * 30;
  return [start, start, start + 300, start + 300];
}

/** A move row's first target: a copy of `box` a quarter of the grid to the right (or left, with no room). */
export function targetFor(box: GridBox): GridBox {
  const right = moveBox(box, 0, GRID_MAX / 4);
  return sameBox(right, box) ? moveBox(box, 0, -GRID_MAX / 4) : right;
}

/** The first free id `box_1`, `box_2`, … among `rows`. */
export function nextId(rows: readonly BoxRow[]): string {
  const taken = new Set(rows.map((row) => row.id));
  let n = 1;
  while (taken.has(`box_${n}`)) n++;
  return `box_${n}`;
}

/** What an edit row does, as the action select shows it; `"change"` for a row that is none of BFL's kinds. */
export function actionOf(row: EditRow): BoxAction {
  const kind = editRowKind(row);
  if (kind === "take") return `${row.from ? imageNumber(row.from) : 2}`;
  return kind ?? "change";
}

/**
 * The box a row is drawn with: its `bbox`; for an edit row the element's place in the edited picture (keep,
 * move, remove) or where it goes (change, take).
 */
export function mainBox(row: BoxRow): GridBox {
  if (isLayoutRow(row)) return row.bbox;
  const action = actionOf(row);
  const box = action === "change" || Number(action) ? row.tgt_bbox : row.src_bbox;
  return box ?? row.tgt_bbox ?? row.src_bbox ?? WHOLE;
}

/**
 * The row with a new action, or a new main box (`box`), built with core's row builders. A move keeps its target
 * (or gets one beside the box) and a take from the same picture keeps its source (else all of the picture).
 */
export function withAction(row: EditRow, action: BoxAction, box: GridBox = mainBox(row)): EditRow {
  const { id, desc } = row;
  const from = refImage(1);
  const was = actionOf(row);
  if (action === "keep") return keepRow({ id, from, box, desc });
  if (action === "change") return changeRow({ id, box, desc });
  if (action === "remove") return removeRow({ id, from, box, desc });
  if (action === "move") {
    const tgt = was === "move" && row.tgt_bbox ? row.tgt_bbox : targetFor(box);
    return moveRow({ id, from, src: box, tgt, desc });
  }
  const src = was === action && row.src_bbox ? row.src_bbox : WHOLE;
  return takeRow({ id, from: refImage(Number(action)) as OtherImage, src, tgt: box, desc });
}

/** The boxes drawn for a row on the frame: its main box, and a move row's target. */
export function drawnBoxes(row: BoxRow): GridBox[] {
  const main = mainBox(row);
  return !isLayoutRow(row) && actionOf(row) === "move" && row.tgt_bbox ? [main, row.tgt_bbox] : [main];
}

/** `rows` with row `index`'s main box (or, `target`, its move target) set to `box`. */
export function placeBox(rows: readonly BoxRow[], index: number, target: boolean, box: GridBox): BoxRow[] {
  return rows.map((row, i) => {
    if (i !== index) return row;
    if (isLayoutRow(row)) return { ...row, bbox: box };
    return target ? { ...row, tgt_bbox: box } : withAction(row, actionOf(row), box);
  });
}
