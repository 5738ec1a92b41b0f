import type { Gallery, GalleryItem } from "./createGallery";
import type { Upstream } from "./createUpstream";

export interface ResultToPersist {
  readonly taskId: string;
  /** The demo session that submitted the task (the proxy's `clientId`): the image is shown to it only. */
  readonly owner: string | undefined;
  /** The upstream delivery URL (valid about 10 minutes). */
  readonly sample: string;
  readonly model: string | undefined;
  readonly prompt: string | undefined;
  readonly seed: number | undefined;
}

/**
 * Downloads a finished image once and saves it to the gallery. Concurrent calls for one task (the proxy's
 * `onResult` and the server's own watcher) share one download.
 */
export function createPersister(
  gallery: Gallery,
  upstream: Upstream,
): (result: ResultToPersist) => Promise<GalleryItem> {
  const inFlight = new Map<string, Promise<GalleryItem>>();
  return (result) => {
    const running = inFlight.get(result.taskId);
    if (running) return running;
    const work = (async () => {
      const existing = await gallery.get(result.taskId);
      if (existing) return existing;
      const response = await upstream.fetchImage(result.sample, AbortSignal.timeout(60_000));
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(
          `Downloading the image of task ${result.taskId} failed with HTTP ${response.status}.`,
        );
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      return gallery.save({
        id: result.taskId,
        owner: result.owner,
        bytes,
        contentType: response.headers.get("content-type") ?? "application/octet-stream",
        model: result.model,
        prompt: result.prompt,
        seed: result.seed,
      });
    })();
    inFlight.set(result.taskId, work);
    void work.then(
      () => inFlight.delete(result.taskId),
      () => inFlight.delete(result.taskId),
    );
    return work;
  };
}
