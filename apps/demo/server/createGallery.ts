import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** One persisted image, as the gallery API returns it (to the session that made it only). */
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

/** An index entry: the item and the session that made it (kept on the server, never in an answer). */
interface StoredItem extends GalleryItem {
  /** The demo session id of the browser that submitted the task; `undefined` for entries from before sessions. */
  readonly owner: string | undefined;
}

export interface SaveImage {
  readonly id: string;
  /** The demo session that submitted the task: only it sees the image. */
  readonly owner: string | undefined;
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly model?: string | undefined;
  readonly prompt?: string | undefined;
  readonly seed?: number | undefined;
}

/**
 * Finished images on disk (`<dir>/images/<task id>.<ext>`) with a JSON index (`<dir>/gallery.json`). Each image
 * belongs to the demo session that submitted its task: `list` and `find` answer only for that session.
 */
export interface Gallery {
  readonly dir: string;
  /** The session's images, newest first. */
  list(owner: string): Promise<readonly GalleryItem[]>;
  /** Any session's image of a task (to save each task once). */
  get(id: string): Promise<GalleryItem | undefined>;
  save(image: SaveImage): Promise<GalleryItem>;
  /** The session's image stored as `file`, with its absolute path, or `undefined` (another's, unknown, gone). */
  find(
    owner: string,
    file: string,
  ): Promise<{ readonly item: GalleryItem; readonly path: string } | undefined>;
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
  let items: readonly StoredItem[] = await readIndex(indexFile);
  const owned = (owner: string) => items.filter((item) => item.owner !== undefined && item.owner === owner);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dir,
    list: (owner) =>
      Promise.resolve(
        owned(owner)
          .sort((a, b) => b.createdAt - a.createdAt)
          .map(publicItem),
      ),
    get: (id) => {
      const item = items.find((i) => i.id === id);
      return Promise.resolve(item && publicItem(item));
    },
    save: (image) =>
      serial(async () => {
        if (!TASK_ID.test(image.id)) throw new Error(`Refusing to save an image with task id "${image.id}".`);
        const existing = items.find((item) => item.id === image.id);
        if (existing) return publicItem(existing);
        const contentType = image.contentType.split(";")[0]!.trim().toLowerCase();
        const file = `${image.id}.${EXTENSIONS[contentType] ?? "bin"}`;
        await writeAtomically(join(imagesDir, file), image.bytes);
        const item: StoredItem = {
          id: image.id,
          owner: image.owner,
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
        return publicItem(item);
      }),
    async find(owner, file) {
      const item = owned(owner).find((i) => i.file === file);
      if (!item) return undefined;
      const path = join(imagesDir, item.file);
      return (await stat(path).catch(() => undefined))?.isFile()
        ? { item: publicItem(item), path }
        : undefined;
    },
  };
}

/** The item without its owner: a session id never leaves the server. */
function publicItem({ owner: _owner, ...item }: StoredItem): GalleryItem {
  return item;
}

async function readIndex(file: string): Promise<StoredItem[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    if (!Array.isArray(parsed)) return [];
    return (parsed as StoredItem[])
      .filter((i) => TASK_ID.test(i.id))
      .map((i) => ({ ...i, owner: typeof i.owner === "string" ? i.owner : undefined }));
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
