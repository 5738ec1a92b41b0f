import { MAX_IMAGE_BYTES } from "@flux-kit/core";
import type { FluxLabels } from "./labels";
import type { ReferenceImage } from "./formValue";

/** Largest input image BFL accepts, in pixels (20 megapixels). */
export const MAX_IMAGE_PIXELS = 20_000_000;

/** Width and height read from a PNG, JPEG, GIF or WebP header, without decoding the image. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | undefined {
  const b = bytes;
  const u16 = (i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  const u16le = (i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
  const u32 = (i: number) => u16(i) * 65536 + u16(i + 2);
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    return { width: u32(16), height: u32(20) };
  }
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return { width: u16le(6), height: u16le(8) };
  if (b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1] ?? 0;
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { width: u16(i + 7), height: u16(i + 5) };
      i += 2 + u16(i + 2);
    }
    return undefined;
  }
  const riff = String.fromCharCode(...b.subarray(0, 4)) + String.fromCharCode(...b.subarray(8, 16));
  if (riff === "RIFFWEBPVP8X") {
    const w = 1 + ((b[24] ?? 0) | ((b[25] ?? 0) << 8) | ((b[26] ?? 0) << 16));
    const h = 1 + ((b[27] ?? 0) | ((b[28] ?? 0) << 8) | ((b[29] ?? 0) << 16));
    return { width: w, height: h };
  }
  if (riff === "RIFFWEBPVP8 ") return { width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
  if (riff === "RIFFWEBPVP8L") {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

function toDataUrl(bytes: Uint8Array, type: string): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:${type};base64,${btoa(binary)}`;
}

let counter = 0;
/** A unique id for a new image in this page. */
export const nextImageId = () => `flux-img-${++counter}`;

/** A file read into a `ReferenceImage`, or the reason it was refused (size, pixels, not an image). */
export async function readImageFile(
  file: Blob & { readonly name?: string },
  labels: FluxLabels,
): Promise<{ image: ReferenceImage } | { error: string }> {
  if (!file.type.startsWith("image/")) return { error: labels.imageNotAnImage };
  if (file.size > MAX_IMAGE_BYTES)
    return { error: labels.imageTooLarge((file.size / 1024 / 1024).toFixed(1)) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const dims = imageDimensions(bytes);
  if (dims && dims.width * dims.height > MAX_IMAGE_PIXELS) {
    return { error: labels.imageTooManyPixels(((dims.width * dims.height) / 1e6).toFixed(1)) };
  }
  return {
    image: {
      id: nextImageId(),
      src: toDataUrl(bytes, file.type),
      name: file.name || "pasted image",
      bytes: bytes.length,
      width: dims?.width,
      height: dims?.height,
    },
  };
}

/** A `ReferenceImage` for an http(s) URL, or `undefined` when the text is not one. */
export function imageFromUrl(text: string): ReferenceImage | undefined {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  } catch {
    return undefined;
  }
  return { id: nextImageId(), src: trimmed, name: trimmed, bytes: 0 };
}
