import { imageDimensions } from "@flux-kit/core/internal";

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
  // PNG and JPEG only: the formats BFL documents for inputs; a zero-sized header is no size
  const isPng = bytes[0] === 0x89;
  const isJpeg = bytes[0] === 0xff;
  const size = isPng || isJpeg ? imageDimensions(bytes) : undefined;
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}
