import { BodyTooLargeError, readLimited } from "../engine/body";
import { MAX_UPSTREAM_JSON_BYTES, type UpstreamCall } from "../engine/types";
import { neverSent, UpstreamError, type Upstream } from "../engine/upstream";

/**
 * The upstream over `fetch` (the Web handler's, and the Node adapters' when `options.fetch` is given): never
 * follows redirects, aborts when the client's `AbortSignal` fires, and gives up after `timeoutMs` without the
 * answer's headers, then again without its whole JSON body.
 */
export function createFetchUpstream(
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Upstream<AbortSignal, ReadableStream<Uint8Array>> {
  return {
    async json(call, client) {
      const started = await send(fetchImpl, call, client, timeoutMs);
      const { response } = started;
      // the body gets its own `timeoutMs`, as undici's dispatcher gives it on Node
      started.restart();
      try {
        const bytes = await readLimited(response.body, MAX_UPSTREAM_JSON_BYTES);
        return {
          status: response.status,
          header: (name) => response.headers.get(name) ?? undefined,
          text: new TextDecoder().decode(bytes),
        };
      } catch (error) {
        if (error instanceof BodyTooLargeError) throw new UpstreamError("network", error);
        throw new UpstreamError(
          client?.aborted ? "aborted" : started.timedOut() ? "timeout" : "network",
          error,
        );
      } finally {
        started.done();
      }
    },
    async stream(call, client) {
      const started = await send(fetchImpl, call, client, timeoutMs);
      // an image may stream for longer than the timeout, and the runtime cancels its body if the client leaves
      started.done();
      const { response } = started;
      return {
        status: response.status,
        header: (name) => response.headers.get(name) ?? undefined,
        body: response.body ?? undefined,
        discard: () => response.body?.cancel().catch(() => undefined),
      };
    },
    gone: (client) => client,
  };
}

/** Sends `call` with `fetch` and resolves at the answer's headers, its timer still running until `done()`. */
async function send(
  fetchImpl: typeof fetch,
  call: UpstreamCall,
  client: AbortSignal | undefined,
  timeoutMs: number,
): Promise<{ response: Response; restart: () => void; done: () => void; timedOut: () => boolean }> {
  const controller = new AbortController();
  let timedOut = false;
  const expire = () => {
    timedOut = true;
    controller.abort();
  };
  let timer = setTimeout(expire, timeoutMs);
  const onClientAbort = () => controller.abort();
  if (client?.aborted) controller.abort();
  client?.addEventListener("abort", onClientAbort, { once: true });
  const done = () => {
    clearTimeout(timer);
    client?.removeEventListener("abort", onClientAbort);
  };
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(expire, timeoutMs);
  };
  try {
    const init: RequestInit = {
      method: call.method,
      headers: call.headers,
      redirect: "manual",
      signal: controller.signal,
      credentials: "omit",
    };
    if (call.body !== undefined) init.body = call.body;
    const response = await fetchImpl(call.url, init);
    return { response, restart, done, timedOut: () => timedOut };
  } catch (error) {
    done();
    throw new UpstreamError(
      timedOut ? "timeout" : client?.aborted ? "aborted" : neverSent(error) ? "not_sent" : "network",
      error,
    );
  }
}
