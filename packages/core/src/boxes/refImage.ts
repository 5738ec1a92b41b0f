import type { RefImage, RefImageIndex } from "./BoxRow";

// Prose and rows count the pictures of `images` differently (docs/bfl-api.md Part II §2.7): "image 1" … "image 10"
// in the caption, `ref_image_0` … `ref_image_9` in rows. These helpers take and give the number people read.

/** A picture's number as prose counts it: `image 1` … `image 10`, 1-based, in the order of `images`. */
export type ImageNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** FLUX 3 takes at most ten references. */
export const MAX_REFERENCES = 10;

type ZeroBased = [never, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The row name of picture `N` (1-based): `RefImageFor<2>` is `"ref_image_1"`. */
export type RefImageFor<N extends number> = number extends N
  ? RefImage
  : N extends ImageNumber
    ? `ref_image_${ZeroBased[N]}`
    : never;

/** Rejects literal numbers outside 1–10 at compile time (`refImage(0)` is a type error); a `number` passes. */
type OneToTen<N extends number> = number extends N ? unknown : N extends ImageNumber ? unknown : ImageNumber;

/**
 * The row name of a picture, from the **1-based** number the caption uses: `refImage(1)` is `"ref_image_0"`, the
 * first picture of `images`. Pass it as `from` to the edit row builders so the 0-based row names are never
 * written by hand.
 * @throws RangeError when `n` is not an integer from 1 to 10 (`refImage(0)` is also a type error).
 * @example
 * const kitchen = refImage(1); // "ref_image_0": image 1, the picture being edited
 * const lamp = refImage(2); // "ref_image_1": image 2
 */
export function refImage<N extends number>(n: N & OneToTen<N>): RefImageFor<N> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_REFERENCES) {
    throw new RangeError(
      `refImage takes a picture's number as the caption counts it, 1 to ${MAX_REFERENCES} ("image 1" is the first); got ${String(n)}.`,
    );
  }
  return `ref_image_${n - 1}` as RefImageFor<N>;
}

const REF_IMAGE = /^ref_image_([0-9])$/;

/** Whether `value` is a row name `ref_image_0` … `ref_image_9`. */
export const isRefImage = (value: unknown): value is RefImage =>
  typeof value === "string" && REF_IMAGE.test(value);

/** The 0-based index in a row name: `refImageIndex("ref_image_1")` is `1`. */
export const refImageIndex = (ref: RefImage): RefImageIndex => Number(ref.slice(10)) as RefImageIndex;

/**
 * The 1-based number prose uses for a row name, the inverse of {@link refImage}.
 * @example `take the lamp from image ${imageNumber("ref_image_1")}` // "… from image 2"
 */
export const imageNumber = (ref: RefImage): ImageNumber => (refImageIndex(ref) + 1) as ImageNumber;
