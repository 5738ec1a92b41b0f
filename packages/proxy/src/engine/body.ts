/** Thrown while reading a body that exceeds its limit. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** Thrown when a body does not arrive in full before its deadline (a slow-drip client). */
export class BodyTimeoutError extends Error {
  override readonly name = "BodyTimeoutError";
}

/**
 * Reads a Web stream into one buffer, counting bytes as they arrive: it stops (and cancels the stream) as soon
 * as `maxBytes` is passed, so a chunked body cannot grow past the limit in memory, or when the whole body has
 * not arrived within `timeoutMs` (`BodyTimeoutError`).
 */
export async function readLimited(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  timeoutMs = Infinity,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline =
    timeoutMs === Infinity
      ? undefined
      : new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new BodyTimeoutError(`body not received within ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
  try {
    for (;;) {
      const { done, value } = await (deadline ? Promise.race([reader.read(), deadline]) : reader.read());
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new BodyTooLargeError(`body exceeds ${maxBytes} bytes`);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
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

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

/**
 * Deletes `__proto__`, `constructor` and `prototype` keys at every depth of a parsed JSON value. It looks at the
 * decoded keys, so `"\u005f_proto__"` and other escaped spellings go too. Iterative, so depth cannot overflow
 * the stack.
 */
function dropPrototypeKeys(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === "object") stack.push(item);
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of PROTOTYPE_KEYS) if (Object.hasOwn(record, key)) delete record[key];
    for (const key in record) {
      const item = record[key];
      if (item !== null && typeof item === "object") stack.push(item);
    }
  }
}

/** A parsed JSON body, or a sentence saying why it is not one. */
export type ParsedJson =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * Parses a request body as JSON. `__proto__`, `constructor` and `prototype` keys are dropped at every depth,
 * however they are spelled, so nothing downstream (the upstream body, `onSubmit`'s `input`) can be polluted
 * through them.
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : "unexpected token";
    return { ok: false, message: `Malformed JSON body: ${why}.` };
  }
  dropPrototypeKeys(value);
  return { ok: true, value };
}

/** Bodies that are another middleware's parse, encoded again: not the bytes the sender signed. */
const reencoded = new WeakSet<Uint8Array>();

/** Marks `bytes` as a body another middleware parsed and the proxy encoded again. */
export function markReencoded(bytes: Uint8Array): Uint8Array {
  reencoded.add(bytes);
  return bytes;
}

/** Whether `bytes` are a re-encoded parse (an HMAC over them cannot match the sender's). */
export const isReencoded = (bytes: Uint8Array): boolean => reencoded.has(bytes);
