import { MutationObserver, QueryObserver, type QueryClient } from "@tanstack/react-query";
import {
  FluxError,
  type FluxClient,
  type FluxJob,
  type FluxTaskSnapshot,
  type ModelDefinition,
  type ModelId,
  type SubmitOptions,
  type TaskWatcher,
} from "@flux-kit/core";
import { fluxSubmitMutationOptions } from "./fluxSubmitMutationOptions";
import { fluxTaskQueryOptions, type FluxTaskQueryExtras } from "./fluxTaskQueryOptions";

/**
 * A core `TaskWatcher` backed by a TanStack `QueryObserver` on `fluxTaskQueryOptions`: the task lives in the app's
 * query cache (devtools, sharing with `useQuery`, invalidation from a webhook), and unsubscribing clears the
 * refetch timer and aborts the poll in flight.
 */
export function queryWatcher(
  queryClient: QueryClient,
  client: FluxClient,
  extras: FluxTaskQueryExtras,
): TaskWatcher {
  return (job, listener) => {
    const observer = new QueryObserver(queryClient, fluxTaskQueryOptions(client, job, extras));
    let lastData: FluxTaskSnapshot | undefined;
    // Errors from before this watch (a cached failed poll) are not this watch's failure.
    const errorsSince = observer.getCurrentResult().errorUpdatedAt;
    let failed = false;
    const report = (result: ReturnType<typeof observer.getCurrentResult>) => {
      if (result.data !== undefined && result.data !== lastData) {
        lastData = result.data;
        listener.snapshot(result.data);
      }
      if (failed || result.status !== "error" || result.errorUpdatedAt <= errorsSince || result.isFetching)
        return;
      // A retryable failure leaves the task pending (the query polls again on the client's backoff).
      const error = FluxError.from(result.error);
      if (client.nextPollDelay(job, result.data, 0, { error, failures: 1 }) !== false) return;
      failed = true;
      listener.error(error);
    };
    const unsubscribe = observer.subscribe(report);
    report(observer.getCurrentResult());
    return {
      stop: unsubscribe,
      refresh: () => observer.refetch().then((result) => result.data),
    };
  };
}

/**
 * Submits through a TanStack `MutationObserver` (visible in devtools and to `useIsMutating`, keyed by the model's
 * id), abortable (`options.signal`), telling `options.onWait` why it waits for a slot. A model definition is passed on to the client, which then checks the input with its schema.
 */
export function submitThroughMutation(
  queryClient: QueryClient,
  client: FluxClient,
  model: string | ModelDefinition,
  input: Record<string, unknown>,
  options: SubmitOptions,
): Promise<FluxJob> {
  const id = typeof model === "string" ? model : model.id;
  const observer = new MutationObserver(queryClient, {
    ...fluxSubmitMutationOptions(client, id as ModelId),
    mutationFn: (body: Record<string, unknown>) => client.submit(model as never, body as never, options),
  });
  return observer.mutate(input).finally(() => observer.reset());
}
