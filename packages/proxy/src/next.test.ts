import { apiResolver } from "next/dist/server/api-utils/node/api-resolver";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { createRouteHandler } from "./next";
import { createPagesHandler } from "./nextPages";
import { createFakeBfl, TEST_KEY } from "../test/fakeBfl";
import { pollingUrlFor } from "../test/helpers";
import { raw, serve } from "../test/wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe("/next App Router", () => {
  it("serves GET/POST/OPTIONS from NextRequest", async () => {
    const fake = createFakeBfl();
    const { GET, POST, OPTIONS } = createRouteHandler({
      apiKey: TEST_KEY,
      authorize: () => ({ allow: true, clientId: "ada" }),
      fetch: fake.fetch,
      allowedOrigins: ["https://ok.example"],
    });
    const submit = await POST(
      new NextRequest("https://app.example/api/flux/v1/flux-2-pro", {
        method: "POST",
        body: JSON.stringify({ prompt: "x" }),
        headers: { cookie: "a=b" },
      }),
    );
    expect(submit.status).toBe(200);
    expect(((await submit.json()) as { polling_url: string }).polling_url).toMatch(pollingUrlFor("task-1"));
    expect(fake.calls[0]!.headers.cookie).toBeUndefined();
    const polling = new URL(
      (
        (await POST(
          new NextRequest("https://app.example/api/flux/v1/flux-2-pro", {
            method: "POST",
            body: JSON.stringify({ prompt: "y" }),
          }),
        ).then((r) => r.json())) as { polling_url: string }
      ).polling_url,
    );
    const poll = await GET(new NextRequest(polling));
    expect(poll.status).toBe(200);
    const pre = await OPTIONS(
      new NextRequest("https://app.example/api/flux/v1/flux-2-pro", {
        method: "OPTIONS",
        headers: { origin: "https://ok.example" },
      }),
    );
    expect(pre.status).toBe(204);
    const invalid = await POST(
      new NextRequest("https://app.example/api/flux/v1/flux-2-pro", { method: "POST", body: '{"width":1}' }),
    );
    expect(invalid.status).toBe(422);
  });
});

describe.each([
  { bodyParser: false as const, name: "bodyParser off" },
  { bodyParser: true as const, name: "bodyParser on" },
])("/next Pages Router through Next's apiResolver ($name)", ({ bodyParser }) => {
  async function start() {
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const handler = createPagesHandler({ apiKey: TEST_KEY, allowAnonymous: true, upstream: upstream.url });
    const page = Object.assign(handler, { config: { api: { bodyParser } } });
    const server = await serve((req, res) => {
      void apiResolver(
        req,
        res,
        {},
        page,
        { previewModeId: "", previewModeEncryptionKey: "", previewModeSigningKey: "", dev: false },
        false,
      );
    });
    closers.push(server.close);
    return { fake, server };
  }

  it("submits the exact body and answers its own errors", async () => {
    const { fake, server } = await start();
    const res = await raw(server.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "a fox" }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(fake.calls[0]!.body)).toEqual({ prompt: "a fox" });
    const invalid = await raw(server.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "x", safety_tolerance: 99 }),
    });
    expect(invalid.status).toBe(422);
    expect((await raw(server.port, "GET", "/api/flux/v1/get_result?id=task-1")).status).toBe(200);
  });
});
