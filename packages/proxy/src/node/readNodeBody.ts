import type { IncomingMessage } from "node:http";
import { BodyTooLargeError, concat } from "../engine/body";

/**
 * Reads `req`'s body, counting bytes as they arrive and stopping past `maxBytes` (chunked bodies too). The
 * listeners stay on `req` after it ends (it is not reused); later events find the promise settled.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        req.off("data", onData);
        first = chunks = undefined;
        // stop buffering, but keep draining so the 413 can still be written on this connection
        req.resume();
        reject(new BodyTooLargeError(`body exceeds ${maxBytes} bytes`));
        return;
      }
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (total <= maxBytes) resolve(chunks ? concat(chunks, total) : (first ?? new Uint8Array(0)));
    });
    req.once("error", reject);
    req.once("close", () =>
      reject(new Error("the client closed the connection before sending the whole body")),
    );
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
  if (typeof body === "object") return new TextEncoder().encode(JSON.stringify(body));
  return new TextEncoder().encode(JSON.stringify(body));
}
