import type { BoxIssue } from "@flux-kit/core/boxes";

/** Where a box's centre lies on the frame, in thirds: what `LayoutEditor` says before its numbers. */
export type BoxRegion = readonly [
  vertical: "upper" | "middle" | "lower",
  horizontal: "left" | "center" | "right",
];

/**
 * Every string `LayoutEditor` shows or announces. Pass a partial object as its `labels` to translate or reword;
 * missing keys fall back to {@link layoutEditorLabels}. Strings that take values are functions.
 * @example <LayoutEditor labels={{ addBox: "Ajouter une zone", description: "Description" }} />
 */
export interface LayoutEditorLabels {
  /** The button that adds a box in the middle of the frame. @default "Add box" */
  addBox: string;
  /** The frame's name, with how to draw on it. */
  frame: string;
  /** How to work a focused box from the keyboard (each box's description). */
  boxHelp: string;
  /** A box's name for screen readers: its id, where it is in words, then its numbers on the grid. */
  box: (id: string, where: string, top: number, left: number, width: number, height: number) => string;
  /** A region in words: `["lower", "right"]` → `"lower right"`. */
  region: (...region: BoxRegion) => string;
  /** The name of a move row's second box, where the element goes. @default `${id} target` */
  target: (id: string) => string;
  /** Announced after a move. @example "mug_1 moved: top 390, left 560" */
  moved: (id: string, top: number, left: number) => string;
  /** Announced after a resize. */
  resized: (id: string, width: number, height: number) => string;
  /** Announced when a box is drawn or added. */
  added: (id: string) => string;
  /** Announced when a box is deleted. */
  deleted: (id: string) => string;
  /** The heading of a box's row in the list (1-based). @default `Box ${n}` */
  row: (n: number) => string;
  id: string;
  description: string;
  /** Edit mode: the select of what happens to the element, and its options. */
  action: string;
  keep: string;
  move: string;
  change: string;
  remove: string;
  /** Take an element from another picture, by its number as the prompt counts (2 … 10). */
  take: (image: number) => string;
  /** Where a take row's element is: the whole picture (the default) or a part of it. */
  takeSource: (image: number, whole: boolean) => string;
  /** The delete button of a row. */
  deleteBox: (id: string) => string;
  /** The box's `<id>` is in the caption: the caption up to and with it. */
  cited: (excerpt: string) => string;
  /** The box's `<id>` is not in the caption (and no `onCite` is given). */
  notCited: string;
  /** Offered on an uncited box when `onCite` is given. */
  cite: (id: string) => string;
  /**
   * A problem `validateBoxes` found with a row (a bad or repeated id, a box too small to render). Switch on
   * `issue.code` to translate.
   * @default (issue) => issue.message
   */
  issue: (issue: BoxIssue) => string;
}

/** The English defaults of {@link LayoutEditorLabels}. */
export const layoutEditorLabels: LayoutEditorLabels = {
  addBox: "Add box",
  frame:
    "Layout frame: drag on empty space to draw a box, drag a box to move it, drag its edges to resize it",
  boxHelp:
    "Arrow keys move the box (Alt: by 1), Shift with arrows resizes it, Delete removes it, Enter edits its description.",
  box: (id, where, top, left, width, height) =>
    `${id}: ${where}; top ${top}, left ${left}, ${width} wide, ${height} tall, on a 1000 grid`,
  region: (vertical, horizontal) =>
    vertical === "middle"
      ? horizontal === "center"
        ? "center"
        : `middle ${horizontal}`
      : `${vertical} ${horizontal}`,
  target: (id) => `${id} target`,
  moved: (id, top, left) => `${id} moved: top ${top}, left ${left}`,
  resized: (id, width, height) => `${id} resized: ${width} wide, ${height} tall`,
  added: (id) => `${id} added`,
  deleted: (id) => `${id} deleted`,
  row: (n) => `Box ${n}`,
  id: "Id",
  description: "Description",
  action: "Action",
  keep: "Keep",
  move: "Move",
  change: "Change or add",
  remove: "Remove",
  take: (image) => `Take from image ${image}`,
  takeSource: (image, whole) => (whole ? `From all of image ${image}` : `From a part of image ${image}`),
  deleteBox: (id) => `Delete ${id}`,
  cited: (excerpt) => `Cited in the prompt: “${excerpt}”`,
  notCited: "Not cited in the prompt",
  cite: (id) => `Cite ${id} in the prompt`,
  issue: (issue) => issue.message,
};
