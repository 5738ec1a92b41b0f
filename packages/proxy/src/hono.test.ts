import { serve as honoServe } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { createHonoHandler } from "./hono";
import { createFakeBfl, TEST_KEY } from "../test/fakeBfl";
import { pollingUrlFor } from "../test/helpers";

function app(onSubmit = vi.fn()) {
  const fake = createFakeBfl();
  const hono = new Hono();
  hono.all(
    "/api/flux/*",
    createHonoHandler({ apiKey: TEST_KEY, allowAnonymous: true, fetch: fake.fetch, onSubmit }),
  );
  return { fake, hono, onSubmit };
}

describe("/hono", () => {
  it("serves through app.fetch; with no socket it refuses submits until told who the client is", async () => {
    const { fake, hono } = app();
    const submit = () =>
      new Request("https://app.example/api/flux/v1/flux-2-pro", { method: "POST", body: '{"prompt":"x"}' });
    // with no logger configured, the refusal's reason is the one console line a deployment gets
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const refused = await hono.fetch(submit());
    expect(refused.status).toBe(500);
    expect(await refused.json()).toMatchObject({ code: "misconfigured" });
    expect(fake.calls).toHaveLength(0);
    expect(errors).toHaveBeenCalledOnce();
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/^\[@flux-kit\/proxy\] .*cannot tell its clients apart/),
    );
    errors.mockRestore();

    const named = new Hono();
    named.all(
      "/api/flux/*",
      createHonoHandler({
        apiKey: TEST_KEY,
        authorize: (req) => ({ allow: true, clientId: req.headers.get("x-user") ?? "guest" }),
        fetch: fake.fetch,
      }),
    );
    const res = await named.fetch(submit());
    expect(res.status).toBe(200);
    expect(fake.calls[0]!.url).toBe("https://api.bfl.ai/v1/flux-2-pro");
    expect((await named.fetch(new Request("https://app.example/api/flux/v1/zzz/y"))).status).toBe(404);
  });

  it("serves on @hono/node-server and uses the socket address as the client", async () => {
    const { hono, onSubmit } = app();
    const server = honoServe({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((r) => server.once("listening", () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/flux/v1/flux-2-pro`, {
        method: "POST",
        body: '{"prompt":"x"}',
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { polling_url: string }).polling_url).toMatch(
        pollingUrlFor("task-1", `http://127.0.0.1:${port}`),
      );
      expect(onSubmit).toHaveBeenCalledWith(
        expect.objectContaining({ clientId: expect.stringMatching(/^ip:.*127\.0\.0\.1$/) as string }),
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
