import express5 from "express";
import express4 from "express-4";
import { afterEach, describe, expect, it } from "vitest";
import { createExpressHandler } from "./express";
import { createFakeBfl, TEST_KEY } from "../test/fakeBfl";
import { pollingUrlFor } from "../test/helpers";
import { raw, serve } from "../test/wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const variants = [
  { name: "express 5", express: express5, parser: false },
  { name: "express 5 + express.json()", express: express5, parser: true },
  { name: "express 4", express: express4, parser: false },
  { name: "express 4 + express.json()", express: express4, parser: true },
] as const;

describe.each(variants)("/express on $name", ({ express, parser }) => {
  async function start() {
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const app = express();
    if (parser) app.use(express.json());
    let fellThrough = 0;
    app.use(
      "/api/flux",
      createExpressHandler({
        apiKey: TEST_KEY,
        allowAnonymous: true,
        upstream: upstream.url,
        limits: { maxBodyBytes: 2000 },
      }),
    );
    app.use((_req, res) => {
      fellThrough++;
      res.status(418).end();
    });
    const server = await serve(app);
    closers.push(server.close);
    return { fake, server, fellThrough: () => fellThrough };
  }

  it("submits the body BFL receives, and polls", async () => {
    const { fake, server, fellThrough } = await start();
    const res = await raw(server.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json", cookie: "a=b" },
      body: JSON.stringify({ prompt: "a fox", seed: 3 }),
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { polling_url: string };
    expect(body.polling_url).toMatch(pollingUrlFor("task-1", `http://127.0.0.1:${server.port}`));
    expect(JSON.parse(fake.calls[0]!.body)).toEqual({ prompt: "a fox", seed: 3 });
    expect(fake.calls[0]!.headers.cookie).toBeUndefined();
    const poll = await raw(server.port, "GET", "/api/flux/v1/get_result?id=task-1");
    expect(JSON.parse(poll.body)).toMatchObject({ status: "Pending" });
    expect(fellThrough()).toBe(0);
  });

  it("answers 404/422/413 itself and never calls next() after answering", async () => {
    const { fake, server, fellThrough } = await start();
    expect((await raw(server.port, "GET", "/api/flux/v1/nope/x")).status).toBe(404);
    const invalid = await raw(server.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "x", width: 7 }),
    });
    expect(invalid.status).toBe(422);
    const big = await raw(server.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "x".repeat(5000) }),
    });
    // express.json() refuses it first with its own limit (100 kB) only when larger; here ours does
    expect(big.status).toBe(413);
    expect(fake.calls).toHaveLength(0);
    expect(fellThrough()).toBe(0);
  });
});
