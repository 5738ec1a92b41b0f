import jpeg from "jpeg-js";
import { decodePng } from "./decodePng";
import type { RgbaImage } from "./renderImage";

const DATA_URI = /^data:[^;,]*(;base64)?,/;

/**
 * The pixels of a base64 (or data-URI) PNG or JPEG input, for the tools that paint from the request's pictures;
 * `undefined` for URLs (the mock never fetches them) and anything it cannot decode.
 */
export function decodeImage(value: string): RgbaImage | undefined {
  if (/^https?:\/\//i.test(value)) return undefined;
  let bytes: Uint8Array;
  try {
    const bin = atob(value.replace(DATA_URI, "").replace(/\s+/g, ""));
    bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
  if (bytes[0] === 0x89) return decodePng(bytes);
  if (bytes[0] !== 0xff) return undefined;
  try {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 64 });
    return { width: image.width, height: image.height, data: image.data };
  } catch {
    return undefined;
  }
}

/** `image` scaled to `width` × `height` (nearest neighbour), or itself when it already has that size. */
export function resizeImage(image: RgbaImage, width: number, height: number): RgbaImage {
  if (image.width === width && image.height === height) return image;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.floor((y * image.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.floor((x * image.width) / width));
      const from = (sy * image.width + sx) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
