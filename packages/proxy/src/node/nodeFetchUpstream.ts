import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Upstream } from "../engine/upstream";
import { createFetchUpstream } from "../web/fetchUpstream";

/**
 * The Node adapters' upstream when `options.fetch` is given: the Web handler's fetch upstream, with the client's
 * `res` closing early as its abort signal and image bodies as Node streams.
 */
export function createNodeFetchUpstream(
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Upstream<ServerResponse, Readable> {
  const web = createFetchUpstream(fetchImpl, timeoutMs);
  return {
    json: (call, res) => web.json(call, res && closeSignal(res)),
    async stream(call, res) {
      const answer = await web.stream(call, closeSignal(res));
      const body = answer.body && Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>);
      return { ...answer, body };
    },
    gone: closeSignal,
  };
}

/** An `AbortSignal` that fires when `res` closes before its response was written in full. */
export function closeSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  if (res.destroyed && !res.writableFinished) controller.abort();
  else
    res.once("close", () => {
      if (!res.writableFinished) controller.abort();
    });
  return controller.signal;
}
