import type { IncomingMessage } from "node:http";
import { BodyTooLargeError, concat } from "../engine/body";

/** Reads `req`'s body, counting bytes as they arrive and stopping past `maxBytes` (chunked bodies too). */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        cleanup();
        // stop buffering, but keep draining so the 413 can still be written on this connection
        req.resume();
        reject(new BodyTooLargeError(`body exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
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
  if (typeof body === "object") return new TextEncoder().encode(JSON.stringify(body));
  return new TextEncoder().encode(JSON.stringify(body));
}
