// Model ids with a "/" (BFL's FLUX Tools: `flux-tools/erase-v1`, …) on real loopback sockets, through both
// transports: a submit path reaches a model only when it is `/v1/{id}` for an allowlisted id, exactly, and
// the upstream URL is made from that id alone. Everything near it — dot segments, encoded, doubled or trailing
// slashes, backslashes, other cases, unknown tools — is refused without contacting BFL.
import { modelIds } from "@flux-kit/core";
import { afterEach, describe, expect, it } from "vitest";
import { createFluxProxy } from "../src/index";
import { createNodeHandler } from "../src/node";
import type { FluxProxyOptions } from "../src/options";
import { createFakeBfl, TEST_KEY } from "./fakeBfl";
import { raw, serve, serveWeb } from "./wire";

/** A valid body for each FLUX Tools endpoint (docs/bfl-api.md, 2026 addendum §5). */
const TOOLS: readonly (readonly [id: string, body: Record<string, unknown>])[] = [
  ["flux-tools/erase-v1", { image: "https://example.com/a.png", mask: "https://example.com/m.png" }],
  ["flux-tools/outpainting-v1", { input_image: "https://example.com/a.png", width: 1024, height: 768 }],
  [
    "flux-tools/vto-v1",
    { prompt: "TRY-ON", person: "https://example.com/p.jpg", garment: "https://example.com/g.jpg" },
  ],
  [
    "flux-tools/vto-v2",
    { prompt: "TRY-ON", person: "https://example.com/p.jpg", garment: "https://example.com/g.jpg" },
  ],
  ["flux-tools/deblur-v1", { image: "https://example.com/a.png" }],
];
const ERASE_BODY = JSON.stringify(TOOLS[0]![1]);

interface Started {
  readonly port: number;
  readonly upstream: string;
  readonly fake: ReturnType<typeof createFakeBfl>;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** The proxy on loopback over a fake BFL, with core's catalogue as its allowlist unless `options` say else. */
async function startWith(
  serveProxy: (options: FluxProxyOptions) => Promise<{ port: number; close: () => Promise<void> }>,
  options: FluxProxyOptions = {},
) {
  const fake = createFakeBfl();
  const upstream = await fake.listen();
  closers.push(upstream.close);
  const proxy = await serveProxy({
    apiKey: TEST_KEY,
    allowAnonymous: true,
    upstream: upstream.url,
    ...options,
  });
  closers.push(proxy.close);
  return { port: proxy.port, upstream: upstream.url, fake } satisfies Started;
}

const TRANSPORTS = [
  {
    transport: "node",
    start: (options?: FluxProxyOptions) =>
      startWith((resolved) => {
        const handler = createNodeHandler(resolved);
        return serve((req, res) => void handler(req, res));
      }, options),
  },
  {
    transport: "web",
    start: (options?: FluxProxyOptions) =>
      startWith((resolved) => serveWeb(createFluxProxy(resolved)), options),
  },
] as const;

type Transport = (typeof TRANSPORTS)[number]["transport"];

const post = (port: number, path: string, body = ERASE_BODY) =>
  raw(port, "POST", path, {
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
    body,
  });

interface Refused {
  readonly path: string;
  readonly method?: "GET" | "POST";
  /** The status on the Node handler, which sees the raw request target. */
  readonly status: number;
  /**
   * Where the Web handler differs: a Web runtime reads the target as a URL first, so dot segments and
   * backslashes are already resolved when the proxy sees the path. `to` is the model the resolved URL names.
   */
  readonly web?: { readonly status: number; readonly to?: string };
}

const B = "/api/flux";
const refusals: readonly Refused[] = [
  // dot segments
  { path: `${B}/v1/flux-tools/../get_result`, status: 404, web: { status: 405 } },
  { path: `${B}/v1/flux-tools/%2e%2e/x`, status: 404 },
  { path: `${B}/v1/flux-tools/%2E%2E/get_result`, status: 404, web: { status: 405 } },
  { path: `${B}/v1/flux-tools/.%2e/credits`, status: 404 },
  { path: `${B}/v1/flux-tools/erase-v1/..`, status: 404 },
  { path: `${B}/v1/flux-tools/erase-v1/%2e%2e/%2e%2e/credits`, status: 404 },
  // resolved to flux-2-pro on the Web, whose schema refuses an erase body before anything is sent
  { path: `${B}/v1/flux-tools/../flux-2-pro`, status: 404, web: { status: 422 } },
  { path: `${B}/v1/flux-tools/./erase-v1`, status: 404, web: { status: 200, to: "flux-tools/erase-v1" } },
  { path: `${B}/v1/flux-tools/%2e/erase-v1`, status: 404, web: { status: 200, to: "flux-tools/erase-v1" } },
  // encoded slashes: never decoded into a separator
  { path: `${B}/v1/flux-tools%2Ferase-v1`, status: 404 },
  { path: `${B}/v1/flux-tools%2ferase-v1`, status: 404 },
  { path: `${B}/v1/flux-tools%2F..%2Fget_result`, status: 404 },
  { path: `${B}/v1%2Fflux-tools%2Ferase-v1`, status: 404 },
  // doubled slashes
  { path: `${B}/v1//flux-tools/erase-v1`, status: 404 },
  { path: `${B}/v1/flux-tools//erase-v1`, status: 404 },
  { path: `${B}//v1/flux-tools/erase-v1`, status: 404 },
  // backslashes, literal and encoded
  { path: `${B}/v1/flux-tools\\erase-v1`, status: 404, web: { status: 200, to: "flux-tools/erase-v1" } },
  { path: `${B}/v1/flux-tools\\..\\get_result`, status: 404, web: { status: 405 } },
  { path: `${B}/v1/flux-tools%5Cerase-v1`, status: 404 },
  { path: `${B}/v1/flux-tools%5cerase-v1`, status: 404 },
  // trailing slashes and partial ids
  { path: `${B}/v1/flux-tools/erase-v1/`, status: 404 },
  { path: `${B}/v1/flux-tools/`, status: 404 },
  { path: `${B}/v1/flux-tools`, status: 404 },
  { path: `${B}/v1/flux-tools/erase-v1/x`, status: 404 },
  { path: `${B}/v1/flux-tools/erase`, status: 404 },
  { path: `${B}/v1/erase-v1`, status: 404 },
  { path: `${B}/v1/x/flux-tools/erase-v1`, status: 404 },
  // tools the allowlist does not name
  { path: `${B}/v1/flux-tools/unknown-v1`, status: 404 },
  { path: `${B}/v1/flux-tools/video-edit-v1`, status: 404 },
  { path: `${B}/v1/flux-tools/erase-v9`, status: 404 },
  // other cases of a real id
  { path: `${B}/v1/Flux-Tools/erase-v1`, status: 404 },
  { path: `${B}/v1/flux-tools/ERASE-V1`, status: 404 },
  { path: `${B}/v1/FLUX-TOOLS/ERASE-V1`, status: 404 },
  { path: `${B}/V1/flux-tools/erase-v1`, status: 404 },
  { path: `${B}/v1/flux-tools/%65rase-v1`, status: 404 },
  // control bytes and junk after the id
  { path: `${B}/v1/flux-tools/erase-v1%00`, status: 404 },
  { path: `${B}/v1/flux-tools/erase-v1%20`, status: 404 },
  { path: `${B}/v1/flux-tools/erase-v1;x`, status: 404 },
  // the poll and image routes still match exactly, under a tools prefix or not
  { path: `${B}/v1/flux-tools/get_result?id=a`, method: "GET", status: 404 },
  { path: `${B}/v1/get_result/?id=a`, method: "GET", status: 404 },
  { path: `${B}/v1/flux-tools/image?u=x`, method: "GET", status: 404 },
  { path: `${B}/v1/image/?u=x`, method: "GET", status: 404 },
];

const refused = refusals.map((c) => ({ method: "POST" as const, ...c }));

it("core's catalogue has the five FLUX Tools ids, so the default allowlist serves them", () => {
  expect(modelIds.filter((id) => id.startsWith("flux-tools/"))).toEqual(TOOLS.map(([id]) => id));
});

describe.each(TRANSPORTS)(
  "model ids with a slash, $transport transport on loopback",
  ({ transport, start }) => {
    it.each(TOOLS)(
      "POST /v1/%s is forwarded to {upstream}/v1/<the same id>, and its task polls",
      async (id, body) => {
        const { port, upstream, fake } = await start();
        const text = JSON.stringify(body);
        const res = await post(port, `${B}/v1/${id}`, text);
        expect(res.status, res.body).toBe(200);
        expect(fake.calls).toHaveLength(1);
        expect(fake.calls[0]).toMatchObject({ method: "POST", url: `${upstream}/v1/${id}`, body: text });
        expect(fake.calls[0]!.headers["x-key"]).toBe(TEST_KEY);
        const { polling_url } = JSON.parse(res.body) as { polling_url: string };
        const poll = new URL(polling_url);
        expect(poll.pathname).toBe(`${B}/v1/get_result`);
        const polled = await raw(port, "GET", `${poll.pathname}${poll.search}`);
        expect(polled.status, polled.body).toBe(200);
        expect(fake.calls[1]!.url).toBe(`${upstream}/v1/get_result?id=task-1`);
      },
    );

    it("a query on the submit path never reaches the upstream URL", async () => {
      const { port, upstream, fake } = await start();
      const res = await post(port, `${B}/v1/flux-tools/erase-v1?x=/../../credits&id=%2F..`);
      expect(res.status, res.body).toBe(200);
      expect(fake.calls.map((c) => c.url)).toEqual([`${upstream}/v1/flux-tools/erase-v1`]);
    });

    it("a tool left out of allowedModels is 403 model_not_enabled (it is in the catalogue), and sends nothing", async () => {
      const { port, fake } = await start({ allowedModels: ["flux-2-pro"] });
      const res = await post(port, `${B}/v1/flux-tools/erase-v1`);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ code: "model_not_enabled" });
      expect(fake.calls).toHaveLength(0);
    });

    it("a tool's body is checked with core's schema for it: erase without a mask is 422, and sends nothing", async () => {
      const { port, fake } = await start();
      const res = await post(
        port,
        `${B}/v1/flux-tools/erase-v1`,
        JSON.stringify({ image: "https://example.com/a.png" }),
      );
      expect(res.status).toBe(422);
      expect(JSON.parse(res.body)).toEqual({
        detail: [expect.objectContaining({ loc: ["body", "mask"], type: "missing" })],
      });
      expect(fake.calls).toHaveLength(0);
    });

    it("an allowlisted id outside the catalogue (a newer BFL tool) is forwarded by the same exact rule", async () => {
      const { port, upstream, fake } = await start({ allowedModels: ["flux-tools/video-edit-v1"] });
      const res = await post(
        port,
        `${B}/v1/flux-tools/video-edit-v1`,
        '{"video":"https://example.com/v.mp4"}',
      );
      expect(res.status, res.body).toBe(200);
      expect(fake.calls.map((c) => c.url)).toEqual([`${upstream}/v1/flux-tools/video-edit-v1`]);
      expect((await post(port, `${B}/v1/flux-tools/Video-Edit-v1`)).status).toBe(404);
    });

    it("GET on a tool answers 405 with Allow, and sends nothing", async () => {
      const { port, fake } = await start();
      const res = await raw(port, "GET", `${B}/v1/flux-tools/erase-v1`);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("POST, OPTIONS");
      expect(fake.calls).toHaveLength(0);
    });

    it.each(refused)("$method $path is refused", async ({ path, method, status, web }) => {
      const { port, upstream, fake } = await start();
      const expected = transport === ("web" as Transport) && web ? web : { status };
      const res = method === "POST" ? await post(port, path) : await raw(port, "GET", path);
      expect(res.status, res.body).toBe(expected.status);
      if (expected.status >= 400) {
        expect(JSON.parse(res.body)).toHaveProperty("detail");
        expect(fake.calls).toHaveLength(0);
        return;
      }
      // the Web runtime resolved the URL to a real route: what is forwarded is still that id's URL alone
      expect(fake.calls.map((c) => c.url)).toEqual([`${upstream}/v1/${expected.to}`]);
    });
  },
);
