import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** One persisted image, as the gallery API returns it. */
export interface GalleryItem {
  /** BFL's task id. */
  readonly id: string;
  /** Where the browser loads it: `/api/demo/images/<id>.<ext>` (never expires). */
  readonly url: string;
  readonly file: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly model: string | undefined;
  readonly prompt: string | undefined;
  readonly seed: number | undefined;
  /** When it was saved, ms since the epoch. */
  readonly createdAt: number;
}

export interface SaveImage {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly model?: string | undefined;
  readonly prompt?: string | undefined;
  readonly seed?: number | undefined;
}

/** Finished images on disk (`<dir>/images/<task id>.<ext>`) with a JSON index (`<dir>/gallery.json`). */
export interface Gallery {
  readonly dir: string;
  /** Newest first. */
  list(): Promise<readonly GalleryItem[]>;
  get(id: string): Promise<GalleryItem | undefined>;
  save(image: SaveImage): Promise<GalleryItem>;
  /** The absolute path of an image file named in the index, or `undefined` for any other name. */
  path(file: string): Promise<string | undefined>;
}

/** Image URLs under this path are served from the gallery folder. */
export const IMAGE_ROUTE = "/api/demo/images/";

const TASK_ID = /^[A-Za-z0-9-]{1,128}$/;
const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/**
 * Opens (and creates) the gallery folder. Writes are serialised and the index is replaced atomically, so a crash
 * never leaves a half-written `gallery.json`.
 *
 * @example
 * const gallery = await createGallery(".data");
 * await gallery.save({ id, bytes, contentType: "image/jpeg", prompt });
 */
export async function createGallery(dir: string): Promise<Gallery> {
  const imagesDir = join(dir, "images");
  const indexFile = join(dir, "gallery.json");
  await mkdir(imagesDir, { recursive: true });
  let items = await readIndex(indexFile);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dir,
    list: () => Promise.resolve([...items].sort((a, b) => b.createdAt - a.createdAt)),
    get: (id) => Promise.resolve(items.find((item) => item.id === id)),
    save: (image) =>
      serial(async () => {
        if (!TASK_ID.test(image.id)) throw new Error(`Refusing to save an image with task id "${image.id}".`);
        const existing = items.find((item) => item.id === image.id);
        if (existing) return existing;
        const contentType = image.contentType.split(";")[0]!.trim().toLowerCase();
        const file = `${image.id}.${EXTENSIONS[contentType] ?? "bin"}`;
        await writeAtomically(join(imagesDir, file), image.bytes);
        const item: GalleryItem = {
          id: image.id,
          url: `${IMAGE_ROUTE}${file}`,
          file,
          contentType,
          bytes: image.bytes.byteLength,
          model: image.model,
          prompt: image.prompt,
          seed: image.seed,
          createdAt: Date.now(),
        };
        items = [...items, item];
        await writeAtomically(indexFile, JSON.stringify(items, null, 2));
        return item;
      }),
    async path(file) {
      const item = items.find((i) => i.file === file);
      if (!item) return undefined;
      const full = join(imagesDir, item.file);
      return (await stat(full).catch(() => undefined))?.isFile() ? full : undefined;
    },
  };
}

async function readIndex(file: string): Promise<GalleryItem[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    return Array.isArray(parsed) ? (parsed as GalleryItem[]).filter((i) => TASK_ID.test(i.id)) : [];
  } catch {
    return [];
  }
}

/** Writes `data` to a temporary file beside `file`, then renames it into place. */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}
