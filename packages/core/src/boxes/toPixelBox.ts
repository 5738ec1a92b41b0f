import type { GridBox } from "./BoxRow";
import { GRID_MAX, checkFrame, type PixelEdges, type PixelFrame, type PixelRect } from "./toGridBox";

/** A box in pixels, by its edges and by its corner and size: use whichever the drawing API wants. */
export interface PixelBoxOnFrame extends PixelEdges, PixelRect {}

/**
 * A grid box → pixels on a frame, for drawing it over a picture or the output: `top = top/1000 × height` and so
 * on. Not rounded (round at the drawing site if needed); `toGridBox` of the result gives the box back.
 * @param box `[top, left, bottom, right]` on the 0–1000 grid
 * @param frame the picture to draw on, in pixels
 * @throws RangeError when the frame has no positive size
 * @example
 * const { x, y, width, height } = toPixelBox([150, 150, 850, 850], { width: 1024, height: 1024 });
 * context.strokeRect(x, y, width, height); // 153.6, 153.6, 716.8, 716.8
 */
export function toPixelBox(box: GridBox, frame: PixelFrame): PixelBoxOnFrame {
  checkFrame(frame, "toPixelBox");
  const [top, left, bottom, right] = box.map(
    (value, i) => (value / GRID_MAX) * (i % 2 ? frame.width : frame.height),
  ) as [number, number, number, number];
  return { top, left, bottom, right, x: left, y: top, width: right - left, height: bottom - top };
}
