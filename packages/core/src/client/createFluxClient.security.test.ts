import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxError } from "../errors/FluxError";
import {
  fakeFetch,
  json,
  netError,
  ready,
  readySample,
  submitted,
  type Responder,
} from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";
import { mayReceiveKey } from "./urls";

const KEY = "bfl-test-secret-key-1234567890";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function serialise(error: unknown): string {
  const e = error as FluxError;
  return [
    e.message,
    String(e.stack),
    JSON.stringify(e),
    // every field the error carries, a subclass's own included (a validation error's fieldErrors)
    JSON.stringify({ ...e }),
    JSON.stringify(e.body),
    String(e.cause),
    JSON.stringify(e.cause),
  ].join("\n");
}

describe("the key goes only to the API origin and https://*.bfl.ai", () => {
  it.each([
    ["https://api.bfl.ai/v1/get_result?id=1", true],
    ["https://api.eu2.bfl.ai/v1/get_result?id=1", true],
    ["http://api.eu2.bfl.ai/v1/get_result?id=1", false],
    ["https://api.bfl.ai.evil.com/v1/get_result", false],
    ["https://evil.com/?x=.bfl.ai", false],
    ["https://user:pass@api.bfl.ai/v1/get_result", false],
    ["https://bfldeliveryprodeu4.blob.core.windows.net/results/x.jpeg", false],
    ["http://127.0.0.1:4010/v1/get_result?id=1", true], // the configured origin
    ["http://127.0.0.1:4011/v1/get_result?id=1", false], // another port is another origin
    ["not a url", false],
  ])("%s → %s", (url, allowed) => {
    expect(mayReceiveKey(url, "http://127.0.0.1:4010")).toBe(allowed);
  });

  it("polls a polling_url on a foreign host without the key or the caller's headers", async () => {
    const f = fakeFetch(submitted("t", "https://evil.example/v1/get_result?id=t"), ready("t"));
    const flux = createFluxClient({
      apiKey: KEY,
      fetch: f.fetch,
      headers: { authorization: "Bearer app-session" },
      poll: { policy: fixedPolling(10) },
    });
    const done = flux.generate("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    expect(f.calls[0]?.headers.get("x-key")).toBe(KEY);
    expect(f.calls[0]?.headers.get("authorization")).toBe("Bearer app-session");
    expect(f.calls[1]?.url).toBe("https://evil.example/v1/get_result?id=t");
    expect(f.calls[1]?.headers.get("x-key")).toBeNull();
    expect(f.calls[1]?.headers.get("authorization")).toBeNull();
  });

  it("never sends the key to a delivery host, even one under bfl.ai", async () => {
    const f = fakeFetch(
      () => new Response(new Uint8Array([0xff, 0xd8, 0xff]), { headers: { "content-type": "image/jpeg" } }),
    );
    const flux = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const image = await flux.download(readySample());
    expect(image.contentType).toBe("image/jpeg");
    expect(Array.from(image.bytes)).toEqual([0xff, 0xd8, 0xff]);
    expect(f.calls[0]?.headers.get("x-key")).toBeNull();
  });

  it("a caller cannot smuggle x-key through headers to a foreign host", async () => {
    const f = fakeFetch(json({ credits: 1 }));
    const flux = createFluxClient({
      baseUrl: "https://proxy.example",
      fetch: f.fetch,
      headers: { "x-key": KEY },
    });
    await flux.credits();
    expect(f.calls[0]?.headers.get("x-key")).toBeNull();
  });

  it("refuses a key in a browser unless told otherwise", () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    expect(() => createFluxClient({ apiKey: KEY })).toThrow(/proxy/);
    expect(() => createFluxClient({ apiKey: KEY, dangerouslyAllowBrowser: true })).not.toThrow();
    expect(() => createFluxClient({ baseUrl: "/api/flux" })).not.toThrow();
  });
});

describe("the key appears in no error", () => {
  it.each<[string, Responder]>([
    ["an echoing 403", json({ detail: `Invalid key ${KEY}` }, 403)],
    ["an echoing 422", json({ detail: [{ loc: ["body", "x"], msg: `bad ${KEY}`, type: "x" }] }, 422)],
    ["an echoing 500", json({ detail: `boom ${KEY}` }, 500)],
    // only in the body, not the message: a submit's 5xx then becomes the cause of FluxSubmitUncertainError
    [
      "a 502 echoing the request's headers in its body",
      json({ error: "upstream failed", request: { headers: { "x-key": KEY } } }, 502),
    ],
    // a page that is not JSON is kept as text, cut short: the cut must not keep half of the key
    // a page with no space to cut at: only the end goes, the rest of the excerpt stays
    [
      "an error page with no spaces echoing the key across its cut",
      () =>
        new Response(`${"x".repeat(480)}${KEY}`, { status: 500, headers: { "content-type": "text/html" } }),
    ],
    ...[25, 15, 6].map(
      (kept) =>
        [
          `an HTML error page echoing the key across its cut (${kept} characters of it before)`,
          () =>
            new Response(`${"x".repeat(500 - kept - 8)} x-key: ${KEY}\n</pre></html>`, {
              status: 500,
              headers: { "content-type": "text/html" },
            }),
        ] as [string, Responder],
    ),
    ["an echoing network error", () => Promise.reject(new TypeError(`connect failed for ${KEY}`))],
    ["a refused connection", netError("ECONNREFUSED")],
  ])("%s", async (_name, responder) => {
    const f = fakeFetch(responder);
    const flux = createFluxClient({ apiKey: KEY, fetch: f.fetch, retry: false, validate: false });
    const submitError = await flux.submit("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
    const pollError = await flux.getResult("t").catch((e: unknown) => e);
    for (const error of [submitError, pollError]) {
      expect(error).toBeInstanceOf(FluxError);
      expect(serialise(error)).not.toContain(KEY);
      // nor the start of it
      expect(serialise(error)).not.toContain(KEY.slice(0, 6));
      // and an excerpt of a page is kept
      if (typeof (error as FluxError).body === "string") expect((error as FluxError).body).toMatch(/^x{100}/);
    }
    for (const call of f.calls) expect(call.url).not.toContain(KEY);
  });
});

describe("the key appears in no error in any spelling an upstream may echo (the proxy's redaction)", () => {
  const percent = Array.from(KEY, (c) => `%${c.charCodeAt(0).toString(16)}`).join("");
  const escaped = Array.from(KEY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  const base64 = btoa(`key=${KEY}`);
  it.each([
    ["percent-encoded", percent, percent],
    ["base64 inside a longer token", base64, base64.slice(8, 28)],
    ["JSON-escaped", JSON.parse(`"${escaped}"`) as string, KEY],
  ])("%s", async (_name, echoed, trace) => {
    const f = fakeFetch(json({ detail: `Invalid key ${echoed}`, echo: { header: echoed } }, 403));
    const flux = createFluxClient({ apiKey: KEY, fetch: f.fetch, retry: false, validate: false });
    const error = await flux.submit("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxError);
    expect(serialise(error)).not.toContain(KEY);
    expect(serialise(error)).not.toContain(trace);
    expect(serialise(error)).toContain("[redacted]");
  });
});
