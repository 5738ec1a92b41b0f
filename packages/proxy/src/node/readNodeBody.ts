import type { IncomingMessage } from "node:http";
import { BodyTimeoutError, BodyTooLargeError, concat, markReencoded } from "../engine/body";

/**
 * Reads `req`'s body, counting bytes as they arrive and stopping past `maxBytes` (chunked bodies too), or when it
 * has not arrived in full within `timeoutMs` (`BodyTimeoutError`: the caller answers 408 and closes the
 * connection). Once the promise settles its listeners are removed, so the `close` every request ends with costs
 * nothing (an `Error` built there per request was measurable under load).
 */
export function readNodeBody(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs = Infinity,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let total = 0;
    let settled = false;
    // `error` stays attached: an error event with no listener would crash the process
    const timer =
      timeoutMs === Infinity
        ? undefined
        : setTimeout(() => {
            detach();
            first = chunks = undefined;
            reject(new BodyTimeoutError(`body not received within ${timeoutMs} ms`));
          }, timeoutMs);
    const detach = () => {
      settled = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        detach();
        first = chunks = undefined;
        // stop buffering, but keep draining so the 413 can still be written on this connection
        req.resume();
        reject(new BodyTooLargeError(`body exceeds ${maxBytes} bytes`));
        return;
      }
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    };
    const onEnd = () => {
      detach();
      resolve(chunks ? concat(chunks, total) : (first ?? new Uint8Array(0)));
    };
    const onError = (error: Error) => {
      if (settled) return;
      detach();
      reject(error);
    };
    const onClose = () => {
      detach();
      reject(new Error("the client closed the connection before sending the whole body"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * A body another middleware already parsed (Express/Next `req.body`), re-encoded as bytes; `undefined` if none.
 * Parsed JSON is serialised again, which is what the proxy would forward anyway.
 */
export function preParsedBody(body: unknown): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return new TextEncoder().encode(body);
  // not the bytes that came: a webhook's HMAC over them cannot be checked (the webhook route says so)
  return markReencoded(new TextEncoder().encode(JSON.stringify(body)));
}
