// The row shapes of FLUX 3 Image's bounding boxes (docs/bfl-api.md Part II §2.8): there is no box field, the rows are
// a JSON array written into the prompt after the caption and one space.

/**
 * A box on FLUX 3's grid: `[top, left, bottom, right]`, **y first**, integers 0–1000 measured from the top-left
 * corner. The grid stretches with the frame, so send the `aspect_ratio` the boxes were drawn for.
 * @example const wholeFrame: GridBox = [0, 0, 1000, 1000];
 */
export type GridBox = readonly [top: number, left: number, bottom: number, right: number];

/** A 0-based reference index as rows count them: `ref_image_0` is the first picture of `images`. */
export type RefImageIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * A reference picture as rows and `<ref_image_N>` tokens name it: **0-based** (`ref_image_0` is `image 1` in
 * prose). Build it with `refImage(n)` from the 1-based number people read.
 * @example const secondPicture: RefImage = refImage(2); // "ref_image_1"
 */
export type RefImage = `ref_image_${RefImageIndex}`;

/**
 * A row of a new image's layout: element `id` (cited in the caption as `<id>`) is drawn as `desc` in `bbox`.
 * Written in this field order.
 * @example { id: "silhouette_1", bbox: [150, 150, 850, 850], desc: "A runner's silhouette" }
 */
export interface LayoutRow {
  readonly id: string;
  readonly bbox: GridBox;
  readonly desc: string;
}

/**
 * A row of a box edit, written in this field order. One of five kinds (see {@link EditRowKind}) by which of
 * `from`, `src_bbox` and `tgt_bbox` are set; `editRowKind(row)` tells which. This is the shape as read from a
 * prompt; the builders return the narrower {@link PlacedRow}, {@link ChangeRow} and {@link RemoveRow}.
 * @example { id: "mug_1", from: "ref_image_0", src_bbox: [700, 520, 860, 620], tgt_bbox: null, desc: "A blue mug." }
 */
export interface EditRow {
  readonly id: string;
  /** The picture the element comes from; `null` for a new or changed element. */
  readonly from: RefImage | null;
  /** Where the element is in `from`; `null` exactly when `from` is. */
  readonly src_bbox: GridBox | null;
  /** Where it goes in the output; `null` to remove it. */
  readonly tgt_bbox: GridBox | null;
  readonly desc: string;
}

/** A keep, move or take row: an element of a reference placed in the output (`keepRow`, `moveRow`, `takeRow`). */
export interface PlacedRow extends EditRow {
  readonly from: RefImage;
  readonly src_bbox: GridBox;
  readonly tgt_bbox: GridBox;
}

/** A new or changed element: `desc` is generated in `tgt_bbox` (`changeRow`). */
export interface ChangeRow extends EditRow {
  readonly from: null;
  readonly src_bbox: null;
  readonly tgt_bbox: GridBox;
}

/** An element of the edited picture removed, the background filled (`removeRow`). */
export interface RemoveRow extends EditRow {
  readonly from: RefImage;
  readonly src_bbox: GridBox;
  readonly tgt_bbox: null;
}

/**
 * The five edit kinds of BFL's table: `keep` (same box, an anchor), `move` (a new box), `change` (new or changed:
 * `from: null`), `remove` (`tgt_bbox: null`) and `take` (an element of another reference, `from: "ref_image_k"`,
 * k ≥ 1). Keep, move and remove act on the edited picture, `ref_image_0`.
 */
export type EditRowKind = "keep" | "move" | "change" | "remove" | "take";

/** Any row: a prompt's rows are all layout rows (a new image) or all edit rows. */
export type BoxRow = LayoutRow | EditRow;

/**
 * A prompt split into its parts: the caption (or instruction) and its rows. `composeBoxPrompt` joins them.
 * @example { caption: "A runner <silhouette_1> at dusk <background_1>.", rows: [backgroundRow, runnerRow] }
 */
export interface BoxPrompt {
  readonly caption: string;
  readonly rows: readonly BoxRow[];
}

/** Whether a row is a layout row (it has `bbox`) rather than an edit row. */
export const isLayoutRow = (row: BoxRow): row is LayoutRow => "bbox" in row;
