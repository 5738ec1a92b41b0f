import { useEffect } from "react";
import type { GenerationControllerOptions, TaskRef } from "@flux-kit/core";
import { useFluxContext } from "./FluxProvider";
import { queryWatcher } from "./queryWatcher";
import type { UseFluxResultOptions, UseFluxResultResult } from "./types";
import { actions, view } from "./useFluxGeneration";
import { useGenerationController } from "./useGenerationController";

/**
 * Watches any task by id (or `FluxJob`): one from a URL, a webhook, a server-side submit or another tab. Same
 * statuses, polling, expiry and render behaviour as `useFluxGeneration`; nothing is submitted or persisted.
 *
 * @example
 * const { status, imageUrl } = useFluxResult(searchParams.get("task"));
 */
export function useFluxResult(
  task: TaskRef | null | undefined,
  options: UseFluxResultOptions = {},
): UseFluxResultResult {
  const { client, queryClient } = useFluxContext("useFluxResult");
  const controllerOptions: GenerationControllerOptions = {
    client,
    watch: queryWatcher(queryClient, client, { pollWhileHidden: options.pollWhileHidden }),
    timeoutMs: options.timeoutMs,
    expiresAt: options.imageExpiresAt,
    persistImage: options.persistImage,
    tickMs: options.tickMs,
    onReady: options.onReady,
    onError: options.onError,
  };
  const [controller, state] = useGenerationController(controllerOptions);
  const enabled = options.enabled ?? true;
  const id = task == null ? undefined : typeof task === "string" ? task : task.id;
  const pollingUrl = task == null || typeof task === "string" ? undefined : task.pollingUrl;
  const submittedAt = task == null || typeof task === "string" ? undefined : task.submittedAt;
  const model = (task != null && typeof task !== "string" ? task.model : undefined) ?? options.model;
  useEffect(() => {
    if (!enabled || id === undefined) {
      controller.reset();
      return;
    }
    void controller.watch({
      id,
      pollingUrl,
      ...(model !== undefined && { model }),
      ...(submittedAt !== undefined && { submittedAt }),
    });
  }, [controller, enabled, id, pollingUrl, model, submittedAt]);
  const { cancel, resume, reset } = actions(controller);
  return { ...view(state), cancel, resume, reset, retry: resume };
}
