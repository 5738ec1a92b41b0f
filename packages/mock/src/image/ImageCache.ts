import type { MockTaskRecord } from "../tasks";
import { encodeJpeg } from "./encodeJpeg";
import { encodePng } from "./encodePng";
import { paintTask } from "./renderPlan";

/** A rendered delivery image. */
export interface ImageEntry {
  readonly bytes: Uint8Array;
  readonly contentType: "image/jpeg" | "image/png";
}

export interface ImageCacheOptions {
  readonly capacity: number;
  readonly jpegQuality: number;
  readonly webpFallback: "png" | "jpeg";
}

/** Renders each task's image once and keeps the most recent ones (LRU); evicted images are re-rendered on demand. */
export class ImageCache {
  private readonly entries = new Map<string, ImageEntry>();

  constructor(private readonly options: ImageCacheOptions) {}

  get(task: MockTaskRecord): ImageEntry {
    const cached = this.entries.get(task.blobId);
    if (cached) {
      this.entries.delete(task.blobId);
      this.entries.set(task.blobId, cached);
      return cached;
    }
    const pixels = paintTask(task);
    const format = task.outputFormat === "webp" ? this.options.webpFallback : task.outputFormat;
    const entry: ImageEntry =
      format === "png"
        ? { bytes: encodePng(pixels), contentType: "image/png" }
        : { bytes: encodeJpeg(pixels, this.options.jpegQuality), contentType: "image/jpeg" };
    this.entries.set(task.blobId, entry);
    while (this.entries.size > this.options.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  delete(blobId: string): void {
    this.entries.delete(blobId);
  }

  clear(): void {
    this.entries.clear();
  }
}
