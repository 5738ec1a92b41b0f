// What BFL's input images may be, and reading an image's size from its header: one definition for the UI (which
// checks a picked file before upload) and the mock (which sizes outputs from inputs). Source: docs/bfl-api.md §5.

/** Largest input image BFL accepts, in pixels (20 megapixels). */
export const MAX_IMAGE_PIXELS = 20_000_000;

/** Width and height read from a PNG, JPEG, GIF or WebP header, without decoding the image; `undefined` for
 * anything else. */
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

/**
 * Width and height of a base64 (or data-URI) image, read from the header in its first 48 KB; `undefined` for an
 * http(s) URL, bad base64 or an unknown format.
 * @example base64ImageDimensions("data:image/png;base64,iVBORw0KGgo…") // { width: 1024, height: 768 }
 */
export function base64ImageDimensions(value: string): { width: number; height: number } | undefined {
  if (/^https?:\/\//i.test(value)) return undefined;
  const start = value.startsWith("data:") ? value.indexOf(",") + 1 : 0;
  const head = value.slice(start, start + 65_536).replace(/[\s=]+$/, "");
  let text: string;
  try {
    text = atob(head.slice(0, head.length - (head.length % 4)));
  } catch {
    return undefined;
  }
  return imageDimensions(Uint8Array.from(text, (c) => c.charCodeAt(0)));
}
