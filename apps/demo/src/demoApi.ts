import type { FailedTask } from "../server/createTaskWatcher";
import { queryOptions } from "@tanstack/react-query";
import type { ModelId } from "@flux-kit/core";

/** `GET /api/demo/config` (also hands out the session cookie). */
export interface DemoConfig {
  readonly mode: "mock" | "live";
  readonly region: "global" | "eu" | "us";
  readonly models: readonly ModelId[];
  /** The model the studio starts with (FLUX 3 Image unless `FLUX_DEMO_MODEL` says otherwise). */
  readonly defaultModel: ModelId;
  readonly maxActiveTasksPerClient: number;
}

export interface GalleryItem {
  readonly id: string;
  readonly url: string;
  readonly contentType: string;
  readonly model?: string;
  readonly prompt?: string;
  readonly seed?: number;
  readonly createdAt: number;
}

export interface PendingTask {
  readonly id: string;
  readonly model: string;
  readonly submittedAt: number;
  readonly progress?: number;
}

/** A task that ended without an image while the server followed it (e.g. after its tab was closed). */
export type { FailedTask };

/**
 * `GET /api/demo/gallery`: this browser's (its session cookie's) images the server persisted, its tasks the server
 * is still following and its recent ones that ended without an image. Another browser's are never in it.
 */
export interface GalleryResponse {
  readonly items: readonly GalleryItem[];
  readonly pending: readonly PendingTask[];
  readonly failed: readonly FailedTask[];
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const configQuery = queryOptions({
  queryKey: ["demo", "config"],
  queryFn: ({ signal }) => getJson<DemoConfig>("/api/demo/config", signal),
  staleTime: Infinity,
});

export const galleryQuery = queryOptions({
  queryKey: ["demo", "gallery"],
  queryFn: ({ signal }) => getJson<GalleryResponse>("/api/demo/gallery", signal),
  // while the server follows a task (e.g. one started before the tab was closed), watch it finish
  refetchInterval: (query) => ((query.state.data?.pending.length ?? 0) > 0 ? 1000 : false),
});
