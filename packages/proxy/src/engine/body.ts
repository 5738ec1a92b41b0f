/** Thrown while reading a body that exceeds its limit. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/**
 * Reads a Web stream into one buffer, counting bytes as they arrive: it stops (and cancels the stream) as soon
 * as `maxBytes` is passed, so a chunked body cannot grow past the limit in memory.
 */
export async function readLimited(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(`body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

/** Joins chunks into one `Uint8Array`. */
export function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function dropPrototypeKeys(key: string, value: unknown): unknown {
  return key === "__proto__" || key === "constructor" || key === "prototype" ? undefined : value;
}

/** A parsed JSON body, or a sentence saying why it is not one. */
export type ParsedJson =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * Parses a request body as JSON. `__proto__`, `constructor` and `prototype` keys are dropped at every depth,
 * so nothing downstream can be polluted through them.
 */
export function parseJsonBody(bytes: Uint8Array): ParsedJson {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, message: "Malformed JSON body: it is not valid UTF-8." };
  }
  if (text.trim() === "")
    return { ok: false, message: "Malformed JSON body: the body is empty; send a JSON object." };
  try {
    const needsReviver =
      text.includes("__proto__") || text.includes("constructor") || text.includes("prototype");
    return { ok: true, value: needsReviver ? JSON.parse(text, dropPrototypeKeys) : JSON.parse(text) };
  } catch (error) {
    const why = error instanceof Error ? error.message : "unexpected token";
    return { ok: false, message: `Malformed JSON body: ${why}.` };
  }
}
