import { createStore, del, get, getMany, set, type UseStore } from "idb-keyval";
import type { ModelId } from "@flux-kit/core";

/** One finished image as the browser keeps it: the request it was made with, and the image itself. */
export interface StoredImage {
  /** BFL's task id. */
  readonly id: string;
  readonly model: ModelId;
  readonly prompt: string;
  /** The request body (prompt, size, seed, every parameter, reference images). */
  readonly input: Readonly<Record<string, unknown>>;
  readonly seed: number | undefined;
  /** `Date.now()` when it was kept. */
  readonly createdAt: number;
  /** The image's bytes and type: shown long after any link to it lapsed (bytes clone into IndexedDB everywhere). */
  readonly image: { readonly type: string; readonly bytes: ArrayBuffer };
  /** A permanent copy's URL (your `persistImage`, the proxy's `onResult`); never a delivery URL, which lapses. */
  readonly url: string | undefined;
}

/** Options of `openHistory`. */
export interface HistoryStoreOptions {
  /** IndexedDB database name; give each studio on an origin its own. @default "flux-kit:history" */
  readonly name?: string | undefined;
  /** Images kept; past this the oldest go. @default 100 */
  readonly maxEntries?: number | undefined;
  /** Bytes kept (images and reference images); past this the oldest go. @default 200 MB */
  readonly maxBytes?: number | undefined;
}

/** The browser's image history (IndexedDB), newest first, bounded in count and bytes. */
export interface HistoryStore {
  list(): Promise<StoredImage[]>;
  /** Keeps an image (again: replaces it); the oldest ones go when a bound is passed. Returns what is kept. */
  put(entry: StoredImage): Promise<StoredImage[]>;
  remove(id: string): Promise<StoredImage[]>;
}

interface IndexRow {
  readonly id: string;
  readonly bytes: number;
}

const INDEX = "index";
const entryKey = (id: string) => `image:${id}`;
const bytesOf = (entry: StoredImage) => entry.image.bytes.byteLength + JSON.stringify(entry.input).length;

/**
 * Opens the image history: each entry under its own key, with an index (newest first, and the bytes of each) that
 * bounds it. Every call runs after the previous one, so two tabs' writes never interleave within one page.
 * @example const history = openHistory(); await history.put({ id, model, prompt, input, seed, createdAt, image, url });
 */
export function openHistory(options: HistoryStoreOptions = {}): HistoryStore {
  const store: UseStore = createStore(options.name ?? "flux-kit:history", "images");
  const maxEntries = options.maxEntries ?? 100;
  const maxBytes = options.maxBytes ?? 200_000_000;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const index = async () => ((await get<IndexRow[]>(INDEX, store)) ?? []).filter((row) => row?.id);
  const list = async () => {
    const rows = await index();
    const entries = await getMany<StoredImage | undefined>(
      rows.map((row) => entryKey(row.id)),
      store,
    );
    return entries.filter((entry): entry is StoredImage => entry !== undefined);
  };
  return {
    list: () => serial(list),
    put: (entry) =>
      serial(async () => {
        let rows = [
          { id: entry.id, bytes: bytesOf(entry) },
          ...(await index()).filter((r) => r.id !== entry.id),
        ];
        let total = rows.reduce((sum, row) => sum + row.bytes, 0);
        // the newest is always kept, however large; the oldest give way to it
        while (rows.length > 1 && (rows.length > maxEntries || total > maxBytes)) {
          const oldest = rows.at(-1)!;
          rows = rows.slice(0, -1);
          total -= oldest.bytes;
          await del(entryKey(oldest.id), store);
        }
        await set(entryKey(entry.id), entry, store);
        await set(INDEX, rows, store);
        return list();
      }),
    remove: (id) =>
      serial(async () => {
        await del(entryKey(id), store);
        await set(
          INDEX,
          (await index()).filter((row) => row.id !== id),
          store,
        );
        return list();
      }),
  };
}
