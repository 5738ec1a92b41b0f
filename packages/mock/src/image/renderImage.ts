import { createRandom, hashString } from "../random";

/** Raw RGBA pixels. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

type Rgb = readonly [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/**
 * Paints a deterministic picture for `prompt` + `seed`: a two-colour gradient with discs and bands whose hues,
 * angle and layout come from a hash, so each prompt looks visibly different and the same task always renders
 * the same pixels.
 */
export function renderImage(width: number, height: number, prompt: string, seed: number): RgbaImage {
  const random = createRandom(hashString(`${prompt}\u0000${seed}`));
  const hue = random.next() * 360;
  const from = hsl(hue, 0.65, 0.35 + random.next() * 0.2);
  const to = hsl((hue + 90 + random.next() * 180) % 360, 0.7, 0.55 + random.next() * 0.2);
  const angle = random.next() * Math.PI * 2;
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const span = Math.abs(dx) * width + Math.abs(dy) * height || 1;
  const offset = (dx < 0 ? -dx * width : 0) + (dy < 0 ? -dy * height : 0);
  const data = new Uint8Array(width * height * 4);

  for (let y = 0; y < height; y++) {
    const rowBase = y * dy + offset;
    let i = y * width * 4;
    for (let x = 0; x < width; x++) {
      const t = (x * dx + rowBase) / span;
      data[i] = from[0] + (to[0] - from[0]) * t;
      data[i + 1] = from[1] + (to[1] - from[1]) * t;
      data[i + 2] = from[2] + (to[2] - from[2]) * t;
      data[i + 3] = 255;
      i += 4;
    }
  }

  // Horizontal bands, then discs, blended over the gradient.
  const bands = 1 + random.int(3);
  for (let b = 0; b < bands; b++) {
    const top = Math.floor(random.next() * height);
    const bandHeight = Math.max(1, Math.floor(height * (0.03 + random.next() * 0.08)));
    const colour = hsl(random.next() * 360, 0.6, 0.5);
    fillRows(data, width, height, top, top + bandHeight, colour, 0.45);
  }
  const discs = 3 + random.int(4);
  const minSide = Math.min(width, height);
  for (let d = 0; d < discs; d++) {
    const cx = random.next() * width;
    const cy = random.next() * height;
    const r = minSide * (0.06 + random.next() * 0.22);
    const colour = hsl(random.next() * 360, 0.75, 0.4 + random.next() * 0.35);
    fillDisc(data, width, height, cx, cy, r, colour, 0.55 + random.next() * 0.4);
  }
  return { width, height, data };
}

function blend(data: Uint8Array, i: number, c: Rgb, alpha: number): void {
  const keep = 1 - alpha;
  data[i] = (data[i] ?? 0) * keep + c[0] * alpha;
  data[i + 1] = (data[i + 1] ?? 0) * keep + c[1] * alpha;
  data[i + 2] = (data[i + 2] ?? 0) * keep + c[2] * alpha;
}

function fillRows(data: Uint8Array, w: number, h: number, y0: number, y1: number, c: Rgb, a: number): void {
  for (let y = Math.max(0, y0); y < Math.min(h, y1); y++) {
    for (let x = 0, i = y * w * 4; x < w; x++, i += 4) blend(data, i, c, a);
  }
}

function fillDisc(
  data: Uint8Array,
  w: number,
  h: number,
  cx: number,
  cy: number,
  r: number,
  c: Rgb,
  a: number,
) {
  const yStart = Math.max(0, Math.floor(cy - r));
  const yEnd = Math.min(h - 1, Math.ceil(cy + r));
  for (let y = yStart; y <= yEnd; y++) {
    const half = Math.sqrt(Math.max(0, r * r - (y - cy) * (y - cy)));
    const xStart = Math.max(0, Math.ceil(cx - half));
    const xEnd = Math.min(w - 1, Math.floor(cx + half));
    for (let x = xStart, i = (y * w + xStart) * 4; x <= xEnd; x++, i += 4) blend(data, i, c, a);
  }
}
