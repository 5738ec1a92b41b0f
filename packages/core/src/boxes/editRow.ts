import type { ChangeRow, GridBox, PlacedRow, RefImage, RemoveRow } from "./BoxRow";
import { copy } from "./layoutRow";

// Builders for the five edit kinds of BFL's table (docs/bfl-api.md Part II §2.8). Each writes the fields in BFL's
// order: id, from, src_bbox, tgt_bbox, desc. The reference is always passed explicitly, as a row name from
// `refImage(n)`: keep, move and remove act on the edited picture, `refImage(1)` ("ref_image_0"); take names
// another one. Writing `from: "ref_image_1"` for image 1 is a type error in all of them.

/** The edited picture, the first of `images` (`refImage(1)`): what keep, move and remove rows act on. */
export type EditedImage = "ref_image_0";

/** Another reference (`refImage(2)` … `refImage(10)`), the source of a take row. */
export type OtherImage = Exclude<RefImage, EditedImage>;

/** Options of {@link keepRow} and {@link removeRow}. */
export interface InPlaceRowOptions {
  /** The element's id, cited in the instruction as `<id>`. */
  readonly id: string;
  /** The edited picture: `refImage(1)`. */
  readonly from: EditedImage;
  /** Where the element is, on the 0–1000 grid. */
  readonly box: GridBox;
  /** What the element is. */
  readonly desc: string;
}

/** Options of {@link moveRow} and {@link takeRow}. */
export interface PlaceRowOptions<From extends RefImage> {
  readonly id: string;
  /** The picture the element comes from. */
  readonly from: From;
  /** Where the element is in `from`. */
  readonly src: GridBox;
  /** Where it goes in the output. */
  readonly tgt: GridBox;
  readonly desc: string;
}

/** Options of {@link changeRow}. */
export interface ChangeRowOptions {
  readonly id: string;
  /** Where the new or changed element goes, on the 0–1000 grid. */
  readonly box: GridBox;
  /** What to generate there. */
  readonly desc: string;
}

/**
 * An anchor: the element stays where it is (`src_bbox` = `tgt_bbox`). Add one for everything that must not change.
 * @example keepRow({ id: "window_1", from: refImage(1), box: [40, 300, 520, 700], desc: "The kitchen window." })
 */
export function keepRow({ id, from, box, desc }: InPlaceRowOptions): PlacedRow {
  return { id, from, src_bbox: copy(box), tgt_bbox: copy(box), desc };
}

/**
 * Moves or resizes an element of the edited picture from `src` to `tgt`.
 * @example
 * moveRow({ id: "plant_1", from: refImage(1), src: [500, 40, 860, 180], tgt: [500, 820, 860, 960],
 *   desc: "The potted basil plant." })
 */
export function moveRow({ id, from, src, tgt, desc }: PlaceRowOptions<EditedImage>): PlacedRow {
  return { id, from, src_bbox: copy(src), tgt_bbox: copy(tgt), desc };
}

/**
 * A new or changed element: `desc` is generated in `box` (adds, replaces, recolours). No reference (`from: null`).
 * @example changeRow({ id: "kettle_1", box: [560, 120, 860, 330], desc: "A matte red enamel kettle." })
 */
export function changeRow({ id, box, desc }: ChangeRowOptions): ChangeRow {
  return { id, from: null, src_bbox: null, tgt_bbox: copy(box), desc };
}

/**
 * Removes an element of the edited picture; the background is filled (`tgt_bbox: null`). Say so in the
 * instruction too.
 * @example removeRow({ id: "mug_1", from: refImage(1), box: [700, 520, 860, 620], desc: "A blue mug." })
 */
export function removeRow({ id, from, box, desc }: InPlaceRowOptions): RemoveRow {
  return { id, from, src_bbox: copy(box), tgt_bbox: null, desc };
}

/**
 * Takes an element from another reference: `src` marks it in that picture, `tgt` where it goes in the output.
 * Name the picture in prose with its 1-based number ("the lamp from image 2").
 * @example
 * takeRow({ id: "lamp_1", from: refImage(2), src: [80, 250, 920, 750], tgt: [260, 640, 700, 800],
 *   desc: "The brass table lamp from the second picture." })
 */
export function takeRow({ id, from, src, tgt, desc }: PlaceRowOptions<OtherImage>): PlacedRow {
  return { id, from, src_bbox: copy(src), tgt_bbox: copy(tgt), desc };
}
