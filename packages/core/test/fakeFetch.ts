/** A recorded request made through `fakeFetch`. */
export interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
}

export type Responder = (call: Call) => Response | Promise<Response>;

/**
 * A fetch double: each call takes the next responder from the script (the last one repeats), records the
 * request, and honours the abort signal like real fetch does.
 */
export function fakeFetch(...script: Responder[]) {
  const calls: Call[] = [];
  let inFlight = 0;
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call: Call = {
      url: typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    const responder = script[Math.min(calls.length - 1, script.length - 1)];
    if (!responder) throw new Error("fakeFetch: no responder scripted");
    inFlight++;
    try {
      const signal = init.signal;
      if (signal?.aborted) throw abortError(signal);
      return await new Promise<Response>((resolve, reject) => {
        const onAbort = () => reject(abortError(signal!));
        signal?.addEventListener("abort", onAbort, { once: true });
        Promise.resolve(responder(call)).then(
          (r) => {
            signal?.removeEventListener("abort", onAbort);
            resolve(r);
          },
          (e: unknown) => {
            signal?.removeEventListener("abort", onAbort);
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      });
    } finally {
      inFlight--;
    }
  };
  return {
    fetch: fetch,
    calls,
    get inFlight() {
      return inFlight;
    },
  };
}

function abortError(signal: AbortSignal): Error {
  const e = new Error("This operation was aborted");
  e.name = "AbortError";
  (e as Error & { cause?: unknown }).cause = signal.reason;
  return e;
}

export const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Responder =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });

/** A responder that never answers (until the request is aborted). */
export const hang: Responder = () => new Promise<Response>(() => {});

/** A network failure with a Node-style error code on its cause, as undici reports it. */
export const netError =
  (code: string): Responder =>
  () => {
    const err = new TypeError("fetch failed");
    (err as TypeError & { cause?: unknown }).cause = Object.assign(new Error(code), { code });
    throw err;
  };

export const submitted = (id = "task-1", pollingUrl = `https://api.eu2.bfl.ai/v1/get_result?id=${id}`) =>
  json({ id, polling_url: pollingUrl, cost: 3, input_mp: 0, output_mp: 1.05 });

export const pending = (id = "task-1", progress: number | null = null) =>
  json({ id, status: "Pending", result: null, progress, details: null, preview: null });

export const ready = (id = "task-1", sample = readySample()) =>
  json({
    id,
    status: "Ready",
    result: {
      sample,
      prompt: "a fox",
      seed: 42,
      start_time: 1764253858.8,
      end_time: 1764253860.4,
      duration: 1.6,
    },
    progress: null,
    details: null,
    preview: null,
  });

export function readySample(expiresAt = new Date(Date.now() + 600_000)): string {
  const se = encodeURIComponent(expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"));
  return `https://delivery-eu1.bfl.ai/results/abc/sample.jpeg?se=${se}&sp=r&sv=2024-11-04&sr=b&rsct=image/jpeg&sig=xyz`;
}
