import { MAX_IMAGE_BYTES } from "@flux-kit/core/internal";
import { imageDimensions, MAX_IMAGE_PIXELS } from "@flux-kit/core/internal";
import type { FirstLoadLabels } from "./labels";
import type { ReferenceImage } from "./formValue";

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
  labels: FirstLoadLabels,
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
