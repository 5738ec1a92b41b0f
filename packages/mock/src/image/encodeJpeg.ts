import jpeg from "jpeg-js";
import type { RgbaImage } from "./renderImage";

/**
 * Encodes RGBA pixels as a baseline JPEG with jpeg-js. jpeg-js returns `Buffer.from(bytes)` whenever a
 * CommonJS `module` exists, which a browser bundle provides but without `Buffer`; a minimal stand-in is
 * installed just for the call, so this works in Node and in browsers (Storybook, MSW).
 */
export function encodeJpeg(image: RgbaImage, quality = 85): Uint8Array {
  const scope = globalThis as { Buffer?: unknown };
  const shim = scope.Buffer === undefined;
  if (shim) scope.Buffer = { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes) };
  try {
    const { data } = jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } finally {
    if (shim) delete scope.Buffer;
  }
}
