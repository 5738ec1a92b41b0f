// The proxy's own read-only route, `GET {basePath}/v1/models`, on real loopback sockets through both transports:
// it lists the allowlist in its order, after the same origin and `authorize` checks as every route, without
// contacting BFL, and nothing near its path (dot segments, encodings, other cases, other methods) answers
// anything but a refusal.
import { modelIds } from "@flux-kit/core";
import { afterEach, describe, expect, it } from "vitest";
import { createFluxProxy } from "../src/index";
import { createNodeHandler } from "../src/node";
import type { FluxProxyOptions, ProxyLogEvent } from "../src/options";
import { createFakeBfl, TEST_KEY } from "./fakeBfl";
import { raw, serve, serveWeb, type RawAnswer } from "./wire";

const B = "/api/flux";
const ROUTE = `${B}/v1/models`;
const THREE = ["flux-2-klein-4b", "flux-2-pro", "flux-kontext-pro"] as const;
type Authorize = NonNullable<FluxProxyOptions["authorize"]>;
const listOf = (ids: readonly string[]) => ({ models: ids.map((id) => ({ id })) });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** The proxy on loopback over a fake BFL that is also on loopback, so any upstream call would be recorded. */
async function startWith(
  serveProxy: (options: FluxProxyOptions) => Promise<{ port: number; close: () => Promise<void> }>,
  options: FluxProxyOptions,
) {
  const fake = createFakeBfl();
  const upstream = await fake.listen();
  closers.push(upstream.close);
  const proxy = await serveProxy({
    apiKey: TEST_KEY,
    upstream: upstream.url,
    ...(options.authorize ? {} : { allowAnonymous: true }),
    ...options,
  });
  closers.push(proxy.close);
  const get = (path = ROUTE, headers: Record<string, string> = {}) =>
    raw(proxy.port, "GET", path, { headers });
  return { port: proxy.port, fake, get };
}

const TRANSPORTS = [
  {
    transport: "node",
    start: (options: FluxProxyOptions = {}) =>
      startWith((resolved) => {
        const handler = createNodeHandler(resolved);
        return serve((req, res) => void handler(req, res));
      }, options),
  },
  {
    transport: "web",
    start: (options: FluxProxyOptions = {}) =>
      startWith((resolved) => serveWeb(createFluxProxy(resolved)), options),
  },
] as const;

/** Nothing in an answer names the key, in any header or the body. */
function expectNoKey(answer: RawAnswer) {
  expect(JSON.stringify(answer.headers)).not.toContain(TEST_KEY);
  expect(answer.body).not.toContain(TEST_KEY);
}

interface Near {
  readonly path: string;
  /** The status on the Node handler, which sees the raw request target. */
  readonly status: number;
  /** Where a Web runtime's URL parser has resolved the path first (dot segments, backslashes). */
  readonly web?: number;
}

/** Paths next to the route's: none is it, on the raw target; each Web difference is the URL standard's doing. */
const NEAR: readonly Near[] = [
  { path: `${ROUTE}/`, status: 404 },
  { path: `${ROUTE}/x`, status: 404 },
  { path: `${ROUTE}/../x`, status: 404 },
  { path: `${ROUTE}/..`, status: 404 },
  // resolved on the Web to the submit route, which answers a GET 405
  { path: `${ROUTE}/%2e%2e/flux-2-pro`, status: 404, web: 405 },
  { path: `${ROUTE}%2F`, status: 404 },
  { path: `${ROUTE}%2f..%2fx`, status: 404 },
  { path: `${ROUTE}%00`, status: 404 },
  { path: `${ROUTE}%20`, status: 404 },
  { path: `${ROUTE};x`, status: 404 },
  { path: `${ROUTE}.json`, status: 404 },
  { path: `${B}/v1/MODELS`, status: 404 },
  { path: `${B}/V1/models`, status: 404 },
  { path: `${B}/v1/%6Dodels`, status: 404 },
  { path: `${B}/v1/model`, status: 404 },
  { path: `${B}/v1//models`, status: 404 },
  { path: `${B}//v1/models`, status: 404 },
  { path: `${B}/v1/models\\..\\x`, status: 404 },
  { path: `${B}/v1/flux-tools/models`, status: 404 },
  { path: `/v1/models`, status: 404 },
  { path: `${B}x/v1/models`, status: 404 },
  // a Web runtime resolves these to the route itself before the proxy sees them
  { path: `${B}/v1/x/../models`, status: 404, web: 200 },
  { path: `${B}/v1/./models`, status: 404, web: 200 },
  { path: `${B}/v1/flux-2-pro\\..\\models`, status: 404, web: 200 },
];

describe.each(TRANSPORTS)("GET /v1/models, $transport transport on loopback", ({ transport, start }) => {
  it("lists exactly the allowlisted models, in allowedModels' order, without calling BFL", async () => {
    const { fake, get } = await start({ allowedModels: [...THREE] });
    const answer = await get();
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(listOf(THREE));
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["cache-control"]).toBe("private, max-age=60");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["set-cookie"]).toBeUndefined();
    expectNoKey(answer);
    expect(fake.calls).toHaveLength(0);
  });

  it("keeps the allowlist's own order and says each model once", async () => {
    const { get } = await start({ allowedModels: ["flux-kontext-pro", "flux-2-pro", "flux-kontext-pro"] });
    expect(JSON.parse((await get()).body)).toEqual(listOf(["flux-kontext-pro", "flux-2-pro"]));
  });

  it("without allowedModels lists core's catalogue, in its order", async () => {
    const { get } = await start();
    expect(JSON.parse((await get()).body)).toEqual(listOf(modelIds));
  });

  it("lists an allowlisted id outside the catalogue, and no disabled catalogue model", async () => {
    const { get } = await start({ allowedModels: ["flux-2-pro", "flux-tools/video-edit-v1"] });
    expect(JSON.parse((await get()).body)).toEqual(listOf(["flux-2-pro", "flux-tools/video-edit-v1"]));
  });

  it("answers HEAD with the headers and no body", async () => {
    const { port, fake } = await start({ allowedModels: [...THREE] });
    const answer = await raw(port, "HEAD", ROUTE);
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe("private, max-age=60");
    expect(answer.body).toBe("");
    expect(fake.calls).toHaveLength(0);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])(
    "answers %s 405 with Allow, reads no body and calls nothing",
    async (method) => {
      let authorized = 0;
      const { port, fake } = await start({
        allowedModels: [...THREE],
        authorize: () => {
          authorized++;
          return true;
        },
      });
      const body = '{"prompt":"x"}';
      const answer = await raw(port, method, ROUTE, {
        headers: { "content-type": "application/json", "content-length": String(body.length) },
        body,
      });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, OPTIONS");
      expect(JSON.parse(answer.body)).toEqual({ detail: "Method Not Allowed" });
      expect(answer.body).not.toContain("flux-2-pro");
      expect(authorized).toBe(0);
      expect(fake.calls).toHaveLength(0);
    },
  );

  it("goes through authorize, with the request itself, on every call", async () => {
    const seen: string[] = [];
    const { get } = await start({
      allowedModels: [...THREE],
      authorize: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("cookie")}`);
        return request.headers.get("cookie") === "sid=ok";
      },
    });
    expect((await get(ROUTE, { cookie: "sid=ok" })).status).toBe(200);
    expect((await get(ROUTE, { cookie: "sid=ok" })).status).toBe(200);
    expect(seen).toEqual([`GET ${ROUTE} sid=ok`, `GET ${ROUTE} sid=ok`]);
  });

  // the warnings and errors the proxy logs for each: a hook's mistake is said to the operator, without the key
  it.each<readonly [string, Authorize, number, string, readonly RegExp[]]>([
    ["false", () => false, 401, "unauthenticated", []],
    ["{ allow: false, status: 403 }", () => ({ allow: false, status: 403 }), 403, "forbidden", []],
    // what a careless hook might return: not `true`, so a refusal
    [
      "a truthy non-answer",
      (() => "yes") as unknown as Authorize,
      403,
      "forbidden",
      [/authorize returned a value that is neither true, false nor \{ allow \}/],
    ],
    [
      "a throw",
      () => {
        throw new Error(`boom ${TEST_KEY}`);
      },
      500,
      "hook_failed",
      // the hook's own error, its copy of the key redacted
      [/"message":"boom \[redacted\]".*"event":"hook_error"/],
    ],
  ])(
    "an authorize that answers %s is refused and learns no model",
    async (_, authorize, status, code, said) => {
      const logs: ProxyLogEvent[] = [];
      const { get, fake } = await start({
        allowedModels: [...THREE],
        authorize,
        logger: (e) => logs.push(e),
      });
      const answer = await get();
      const warnings = logs.filter((e) => e.level === "warn" || e.level === "error");
      expect(warnings).toHaveLength(said.length);
      said.forEach((pattern, i) => expect(JSON.stringify(warnings[i])).toMatch(pattern));
      expect(JSON.stringify(logs)).not.toContain(TEST_KEY);
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toMatchObject({ code });
      for (const id of THREE) expect(answer.body).not.toContain(id);
      expect(answer.headers["cache-control"]).toBe("no-store");
      expectNoKey(answer);
      expect(fake.calls).toHaveLength(0);
    },
  );

  it("refuses a foreign browser origin before authorize, and allows the proxy's own and allowedOrigins", async () => {
    let authorized = 0;
    const { port, get } = await start({
      allowedModels: [...THREE],
      allowedOrigins: ["https://app.example"],
      authorize: () => {
        authorized++;
        return true;
      },
    });
    const foreign = await get(ROUTE, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ code: "origin_not_allowed" });
    expect(foreign.body).not.toContain("flux-2-pro");
    expect(authorized).toBe(0);

    const own = await get(ROUTE, { origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
    const listed = await get(ROUTE, { origin: "https://app.example" });
    expect(listed.status).toBe(200);
    expect(listed.headers["access-control-allow-origin"]).toBe("https://app.example");
    expect(listed.headers["cache-control"]).toBe("private, max-age=60");

    const preflight = await raw(port, "OPTIONS", ROUTE, {
      headers: { origin: "https://app.example", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, HEAD, OPTIONS");
    expect(authorized).toBe(2);
  });

  it("ignores whatever query comes with it", async () => {
    const { get, fake } = await start({ allowedModels: [...THREE] });
    for (const query of [
      "?",
      "?models=flux-dev",
      "?allowedModels=flux-dev&__proto__[x]=1&constructor=1",
      "?u=https://api.bfl.ai/v1/credits",
      "?%zz&%00=%ff",
      `?${"a=b&".repeat(500)}`,
    ]) {
      const answer = await get(`${ROUTE}${query}`);
      expect(answer.status, query).toBe(200);
      expect(JSON.parse(answer.body)).toEqual(listOf(THREE));
    }
    expect(fake.calls).toHaveLength(0);
  });

  it.each(NEAR)("$path is not the route", async ({ path, status, web }) => {
    const { get, fake } = await start({ allowedModels: [...THREE] });
    const answer = await get(path);
    const expected = transport === "web" && web !== undefined ? web : status;
    expect(answer.status, answer.body).toBe(expected);
    if (expected !== 200) expect(answer.body).not.toContain("flux-2-pro");
    expect(fake.calls).toHaveLength(0);
  });

  it("answers 500 misconfigured, listing nothing, while there is no key", async () => {
    const logs: ProxyLogEvent[] = [];
    const { get, fake } = await start({ apiKey: "", allowedModels: [...THREE], logger: (e) => logs.push(e) });
    const previous = process.env.BFL_API_KEY;
    delete process.env.BFL_API_KEY;
    try {
      const answer = await get();
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body)).toMatchObject({ code: "misconfigured" });
      expect(answer.body).not.toContain("flux-2-pro");
      // the operator is told what to set
      expect(JSON.stringify(logs.filter((e) => e.level === "error"))).toMatch(
        /set the BFL_API_KEY environment variable/,
      );
    } finally {
      if (previous !== undefined) process.env.BFL_API_KEY = previous;
    }
    expect(fake.calls).toHaveLength(0);
  });

  it("leaves BFL's own routes as they were: a submit next to it is still forwarded", async () => {
    const { port, fake } = await start({ allowedModels: [...THREE] });
    const body = '{"prompt":"a fox"}';
    const answer = await raw(port, "POST", `${B}/v1/flux-2-pro`, {
      headers: { "content-type": "application/json", "content-length": String(body.length) },
      body,
    });
    expect(answer.status, answer.body).toBe(200);
    expect(fake.calls.map((c) => new URL(c.url).pathname)).toEqual(["/v1/flux-2-pro"]);
  });
});

it('"models" cannot be an allowlisted model id: the path is the proxy\'s own', () => {
  expect(() => createFluxProxy({ allowAnonymous: true, allowedModels: ["models"] })).toThrow(
    /"models" is not a model endpoint/,
  );
});
