import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, json, ready, type Call } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";

const KEY = "bfl-test-secret-key-1234567890";
const SESSION = "Bearer app-session";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const image = () =>
  new Response(new Uint8Array([0xff, 0xd8, 0xff]), { headers: { "content-type": "image/jpeg" } });

/** Submits once through a client on `baseUrl`, answered with `pollingUrl`, and polls it to Ready. */
async function submitAndPoll(baseUrl: string, pollingUrl: string, apiKey?: string) {
  const f = fakeFetch(json({ id: "t", polling_url: pollingUrl }), ready("t"));
  const flux = createFluxClient({
    baseUrl,
    apiKey,
    fetch: f.fetch,
    headers: { authorization: SESSION },
    poll: { policy: fixedPolling(10) },
  });
  const job = await flux.submit("flux-2-pro", { prompt: "x" });
  const done = flux.wait(job);
  await vi.advanceTimersByTimeAsync(100);
  await done;
  const poll = f.calls[1] as Call;
  return { job, poll };
}

describe("baseUrl is checked when the client is made", () => {
  it.each([
    "api/flux",
    "http//x",
    "//evil.example/api",
    "/\\evil.example/api",
    "https://exa mple.com",
    "https://[::1",
    "https:/api.bfl.ai",
    "ftp://api.bfl.ai",
    "https://api.bfl.ai/?x=1",
    "https://api.bfl.ai/#x",
    "https://user:pass@api.bfl.ai",
  ])("%j is a configuration error (TypeError), with no request made", (baseUrl) => {
    const f = fakeFetch(json({}));
    expect(() => createFluxClient({ baseUrl, fetch: f.fetch })).toThrow(TypeError);
    expect(() => createFluxClient({ baseUrl, fetch: f.fetch })).toThrow(
      /Invalid baseUrl.*absolute http\(s\) URL/,
    );
    expect(f.calls).toHaveLength(0);
  });

  it.each([
    ["https://api.bfl.ai/v1/", "https://api.bfl.ai"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
    ["/api/flux/", "/api/flux"],
    ["/", ""],
  ])("%j is fine (→ %j)", (baseUrl, normalised) => {
    expect(createFluxClient({ baseUrl }).baseUrl).toBe(normalised);
  });
});

describe("returned URLs are resolved, and headers follow the resolved origin", () => {
  it("a protocol-relative polling_url is another host: no key, no caller headers", async () => {
    const { job, poll } = await submitAndPoll("https://api.bfl.ai", "//evil.example/v1/get_result?id=t", KEY);
    expect(job.pollingUrl).toBe("https://evil.example/v1/get_result?id=t");
    expect(poll.url).toBe("https://evil.example/v1/get_result?id=t");
    expect(poll.headers.get("x-key")).toBeNull();
    expect(poll.headers.get("authorization")).toBeNull();
  });

  it("so is one written /\\host (browsers read the backslash as a slash)", async () => {
    const { poll } = await submitAndPoll(
      "https://proxy.example/api/flux",
      "/\\evil.example/v1/get_result?id=t",
    );
    expect(poll.url).toBe("https://evil.example/v1/get_result?id=t");
    expect(poll.headers.get("authorization")).toBeNull();
  });

  it("a path is resolved against an absolute base and keeps the caller's headers there", async () => {
    const { poll } = await submitAndPoll("https://proxy.example/api/flux", "/api/flux/v1/get_result?id=t");
    expect(poll.url).toBe("https://proxy.example/api/flux/v1/get_result?id=t");
    expect(poll.headers.get("authorization")).toBe(SESSION);
  });

  it("in a browser, a path base resolves against the document", async () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", { baseURI: "https://app.example/studio/" });
    const own = await submitAndPoll("/api/flux", "/api/flux/v1/get_result?id=t");
    expect(own.poll.url).toBe("https://app.example/api/flux/v1/get_result?id=t");
    expect(own.poll.headers.get("authorization")).toBe(SESSION);
    const foreign = await submitAndPoll("/api/flux", "//evil.example/v1/get_result?id=t");
    expect(foreign.poll.url).toBe("https://evil.example/v1/get_result?id=t");
    expect(foreign.poll.headers.get("authorization")).toBeNull();
  });

  it("with a path base and no document, only a one-slash path is kept; anything else polls the base", async () => {
    const own = await submitAndPoll("/api/flux", "/api/flux/v1/get_result?id=t&sig=1");
    expect(own.poll.url).toBe("/api/flux/v1/get_result?id=t&sig=1");
    expect(own.poll.headers.get("authorization")).toBe(SESSION);
    const foreign = await submitAndPoll("/api/flux", "//evil.example/v1/get_result?id=t");
    expect(foreign.job.pollingUrl).toBeUndefined();
    expect(foreign.poll.url).toBe("/api/flux/v1/get_result?id=t");
  });

  it("a polling URL handed in with a task (from storage, a link) is resolved the same way", async () => {
    const f = fakeFetch(ready("t"));
    const flux = createFluxClient({
      baseUrl: "https://proxy.example",
      fetch: f.fetch,
      headers: { authorization: SESSION },
    });
    await flux.getResult({ id: "t", pollingUrl: "//evil.example/v1/get_result?id=t" });
    expect(f.calls[0]?.url).toBe("https://evil.example/v1/get_result?id=t");
    expect(f.calls[0]?.headers.get("authorization")).toBeNull();
  });

  it("download: a protocol-relative result.sample gets no caller headers; a same-origin path does", async () => {
    const f = fakeFetch(image);
    const flux = createFluxClient({
      baseUrl: "https://proxy.example",
      fetch: f.fetch,
      headers: { authorization: SESSION },
    });
    await flux.download("//evil.example/results/sample.jpeg");
    await flux.download("/api/flux/v1/image?u=x");
    expect(f.calls.map((c) => [c.url, c.headers.get("authorization")])).toEqual([
      ["https://evil.example/results/sample.jpeg", null],
      ["https://proxy.example/api/flux/v1/image?u=x", SESSION],
    ]);
    const onPath = fakeFetch(image);
    const proxied = createFluxClient({
      baseUrl: "/api/flux",
      fetch: onPath.fetch,
      headers: { authorization: SESSION },
    });
    await proxied.download("//evil.example/results/sample.jpeg");
    await proxied.download("/api/flux/v1/image?u=x");
    expect(onPath.calls.map((c) => c.headers.get("authorization"))).toEqual([null, SESSION]);
  });
});
