import { decodeImage, resizeImage } from "./decodeImage";
import { drawBoxes, type DrawnBox } from "./drawBoxes";
import { renderImage, type RgbaImage } from "./renderImage";

/**
 * How a task's picture is painted: generated from prompt + seed, or from the request's own pictures (the FLUX
 * Tools, docs/bfl-api.md Part II §5). Pictures are the request's base64 strings; a URL or an unreadable picture
 * falls back to a generated one.
 */
export type RenderPlan =
  | { readonly kind: "generate" }
  /** `erase-v1`: the image with the white part of the mask (grown by `dilate` px) filled in. */
  | { readonly kind: "erase"; readonly image: string; readonly mask: string; readonly dilate: number }
  /** `outpainting-v1`: a generated canvas with the image placed on it, centred unless offset. */
  | {
      readonly kind: "outpaint";
      readonly image: string;
      readonly offsetX: number | null;
      readonly offsetY: number | null;
    }
  /** `vto-*`: the person with a garment-coloured patch over the torso. */
  | { readonly kind: "try-on"; readonly person: string; readonly garment: string }
  /** `deblur-v1`: the image itself. */
  | { readonly kind: "copy"; readonly image: string };

/** What {@link paintTask} needs of a task. */
export interface PaintSpec {
  readonly width: number;
  readonly height: number;
  readonly prompt: string;
  readonly seed: number;
  readonly render: RenderPlan;
  readonly boxes: readonly DrawnBox[];
}

/** The RGBA pixels of a task's picture: its render plan, then its boxes on top. */
export function paintTask(task: PaintSpec): RgbaImage {
  const { width, height, render } = task;
  const generated = () => renderImage(width, height, task.prompt, task.seed);
  const picture = (value: string) => {
    const decoded = decodeImage(value);
    return decoded && resizeImage(decoded, width, height);
  };
  let image: RgbaImage;
  switch (render.kind) {
    case "generate":
      image = generated();
      break;
    case "erase": {
      image = copy(picture(render.image) ?? generated());
      const mask = picture(render.mask);
      if (mask) fillMasked(image, dilate(maskOf(mask), width, height, render.dilate));
      break;
    }
    case "outpaint": {
      image = generated();
      const placed = decodeImage(render.image);
      if (placed) paste(image, placed, render.offsetX, render.offsetY);
      break;
    }
    case "try-on": {
      image = copy(picture(render.person) ?? generated());
      const garment = decodeImage(render.garment);
      if (garment)
        tint(
          image,
          mean(garment, () => true),
        );
      break;
    }
    case "copy":
      image = copy(picture(render.image) ?? generated());
      break;
  }
  drawBoxes(image, task.boxes);
  return image;
}

const copy = (image: RgbaImage): RgbaImage => ({ ...image, data: image.data.slice() });

/** Mask pixels that are mostly white (BFL: white = remove). */
function maskOf(mask: RgbaImage): Uint8Array {
  const out = new Uint8Array(mask.width * mask.height);
  for (let i = 0; i < out.length; i++) {
    const d = mask.data;
    out[i] = (d[i * 4] ?? 0) + (d[i * 4 + 1] ?? 0) + (d[i * 4 + 2] ?? 0) > 384 ? 1 : 0;
  }
  return out;
}

/** Grows a mask by `radius` pixels (a square window, rows then columns, with running counts). */
function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return mask;
  const pass = (src: Uint8Array, along: number, across: number, at: (a: number, b: number) => number) => {
    const out = new Uint8Array(src.length);
    for (let b = 0; b < across; b++) {
      let count = 0;
      for (let a = 0; a < Math.min(along, radius); a++) count += src[at(a, b)] ?? 0;
      for (let a = 0; a < along; a++) {
        if (a + radius < along) count += src[at(a + radius, b)] ?? 0;
        if (a - radius - 1 >= 0) count -= src[at(a - radius - 1, b)] ?? 0;
        out[at(a, b)] = count > 0 ? 1 : 0;
      }
    }
    return out;
  };
  const rows = pass(mask, width, height, (x, y) => y * width + x);
  return pass(rows, height, width, (y, x) => y * width + x);
}

/** The mean colour of the pixels `keep` selects. */
function mean(image: RgbaImage, keep: (pixel: number) => boolean): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let p = 0; p < image.width * image.height; p++) {
    if (!keep(p)) continue;
    for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (image.data[p * 4 + c] ?? 0);
    n++;
  }
  return n === 0 ? [128, 128, 128] : [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n];
}

/** "Inpaints" the masked pixels with the mean colour of the rest, so what the mask covered is gone. */
function fillMasked(image: RgbaImage, mask: Uint8Array): void {
  const colour = mean(image, (p) => mask[p] === 0);
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] === 0) continue;
    image.data.set(colour, p * 4);
  }
}

/** Places `picture` on `canvas` at an offset (centred when `null`), cropping what falls outside. */
function paste(canvas: RgbaImage, picture: RgbaImage, offsetX: number | null, offsetY: number | null): void {
  const left = offsetX ?? Math.round((canvas.width - picture.width) / 2);
  const top = offsetY ?? Math.round((canvas.height - picture.height) / 2);
  for (let y = Math.max(0, top); y < Math.min(canvas.height, top + picture.height); y++) {
    const from = ((y - top) * picture.width + Math.max(0, -left)) * 4;
    const to = (y * canvas.width + Math.max(0, left)) * 4;
    const span = Math.min(canvas.width, left + picture.width) - Math.max(0, left);
    if (span > 0) canvas.data.set(picture.data.subarray(from, from + span * 4), to);
  }
}

/** Blends a garment colour over the middle of the frame, where a try-on puts the garment. */
function tint(image: RgbaImage, colour: readonly [number, number, number]): void {
  const { width, height, data } = image;
  for (let y = Math.floor(height * 0.35); y < Math.floor(height * 0.85); y++) {
    for (let x = Math.floor(width * 0.25); x < Math.floor(width * 0.75); x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[i + c] = (data[i + c] ?? 0) * 0.2 + (colour[c] ?? 0) * 0.8;
    }
  }
}
