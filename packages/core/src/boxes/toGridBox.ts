import type { GridBox } from "./BoxRow";

/** A frame's size in pixels: the picture a box is drawn on, or the output image. */
export interface PixelFrame {
  readonly width: number;
  readonly height: number;
}

/** A pixel box by its edges, measured from the frame's top-left corner (CSS's `top`/`left`/`bottom`/`right`). */
export interface PixelEdges {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A pixel box by its corner and size, as canvas APIs and pointer events give it. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Either kind of pixel box. */
export type PixelBox = PixelEdges | PixelRect;

/** The grid's extent: every coordinate lies in 0–1000. */
export const GRID_MAX = 1000;

/** @throws RangeError unless both sides are positive finite numbers */
export function checkFrame(frame: PixelFrame, caller: string): void {
  const { width, height } = frame;
  if (!(Number.isFinite(width) && width > 0 && Number.isFinite(height) && height > 0)) {
    throw new RangeError(
      `${caller} needs a frame with a positive width and height in pixels; got ${String(width)}×${String(height)}.`,
    );
  }
}

/**
 * Python's `round`, which rounds halves to the even integer (`round(2.5)` is 2). BFL's helper is written as
 * `round(top/h*1000)`; that it is Python's is inferred, and only exact halves differ from `Math.round`.
 */
export function roundHalfEven(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

const toGrid = (pixels: number, side: number) =>
  Math.min(GRID_MAX, Math.max(0, roundHalfEven((pixels / side) * GRID_MAX)));

/**
 * A pixel box on a frame of any size → `[top, left, bottom, right]` on the 0–1000 grid, as BFL's helper computes
 * it: `[round(top/h*1000), round(left/w*1000), round(bottom/h*1000), round(right/w*1000)]`, each clamped to
 * 0–1000 (a box reaching past the frame is cut at its edge). Nothing else is checked: a box thinner than a grid
 * unit comes out empty, which `validateBoxes` reports.
 * @param box `{ top, left, bottom, right }` or `{ x, y, width, height }`, in pixels of `frame`
 * @param frame the size of the picture the box was drawn on, in pixels
 * @throws RangeError when the frame has no positive size
 * @example
 * toGridBox({ x: 192, y: 108, width: 1344, height: 756 }, { width: 1920, height: 1080 }) // [100, 100, 800, 800]
 */
export function toGridBox(box: PixelBox, frame: PixelFrame): GridBox {
  checkFrame(frame, "toGridBox");
  const { width: w, height: h } = frame;
  const edges: PixelEdges =
    "x" in box ? { top: box.y, left: box.x, bottom: box.y + box.height, right: box.x + box.width } : box;
  return [toGrid(edges.top, h), toGrid(edges.left, w), toGrid(edges.bottom, h), toGrid(edges.right, w)];
}
