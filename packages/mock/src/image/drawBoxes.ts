import type { GridBox } from "@flux-kit/core/boxes";
import { hashString } from "../random";
import type { RgbaImage } from "./renderImage";

/** A box row drawn over the output: its id and where the 0–1000 grid puts it. */
export interface DrawnBox {
  readonly id: string;
  readonly box: GridBox;
}

/** HSL (0–360, 0–1, 0–1) → RGB bytes. */
function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/**
 * The colour a row id is drawn in: a stable hash of the id picks a saturated hue, so `mug_1` is the same colour in
 * every image and run.
 * @example boxColour("mug_1") // [r, g, b]
 */
export function boxColour(id: string): readonly [number, number, number] {
  const hash = hashString(id, 0xb0c5);
  return hsl(hash % 360, 0.75, 0.38 + ((hash >>> 9) % 20) / 100);
}

/** A box's pixel edges on a frame: the grid stretches with the frame (docs/bfl-api.md Part II §2.8). */
export function boxPixels(box: GridBox, width: number, height: number) {
  const [top, left, bottom, right] = box;
  return {
    x0: Math.max(0, Math.round((left / 1000) * width)),
    y0: Math.max(0, Math.round((top / 1000) * height)),
    x1: Math.min(width, Math.round((right / 1000) * width)),
    y1: Math.min(height, Math.round((bottom / 1000) * height)),
  };
}

/**
 * Paints each box over the image as a flat rectangle in its id's colour with a dark outline, largest first so a
 * box inside another (an element on its background) stays visible: a person sees the layout reached the API, and
 * a test can read a box's colour at its centre.
 */
export function drawBoxes(image: RgbaImage, boxes: readonly DrawnBox[]): void {
  const area = ({ box: [t, l, b, r] }: DrawnBox) => (b - t) * (r - l);
  const ordered = [...boxes].sort((a, b) => area(b) - area(a));
  const { width, height, data } = image;
  const outline = Math.max(1, Math.round(Math.min(width, height) / 256));
  for (const { id, box } of ordered) {
    const { x0, y0, x1, y1 } = boxPixels(box, width, height);
    const [r, g, b] = boxColour(id);
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const edge = x - x0 < outline || x1 - 1 - x < outline || y - y0 < outline || y1 - 1 - y < outline;
        const i = (y * width + x) * 4;
        data[i] = edge ? r >> 2 : r;
        data[i + 1] = edge ? g >> 2 : g;
        data[i + 2] = edge ? b >> 2 : b;
      }
    }
  }
}
