/** Width and height of an input image, when they can be read from its bytes. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

const DATA_URI = /^data:[^;,]*(;base64)?,/;

/**
 * Reads the pixel size of a base64 (or data-URI) PNG or JPEG input image from its header. Returns
 * `undefined` for URLs (the mock never fetches them) and for formats it cannot read.
 */
export function readImageSize(value: string): ImageSize | undefined {
  if (/^https?:\/\//i.test(value)) return undefined;
  const b64 = value.replace(DATA_URI, "").replace(/\s+/g, "");
  let bytes: Uint8Array;
  try {
    // 256 KiB of base64 is enough for any PNG IHDR and almost any JPEG SOF (after EXIF/ICC).
    const head = b64.slice(0, 349_528);
    const bin = atob(head.slice(0, head.length - (head.length % 4)));
    bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
  return readPng(bytes) ?? readJpeg(bytes);
}

function u16(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}

function readPng(b: Uint8Array): ImageSize | undefined {
  if (b.length < 24 || b[0] !== 0x89 || b[1] !== 0x50 || b[2] !== 0x4e || b[3] !== 0x47) return undefined;
  const width = u16(b, 16) * 65536 + u16(b, 18);
  const height = u16(b, 20) * 65536 + u16(b, 22);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function readJpeg(b: Uint8Array): ImageSize | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] ?? 0;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: u16(b, i + 5), width: u16(b, i + 7) };
    i += 2 + u16(b, i + 2);
  }
  return undefined;
}
