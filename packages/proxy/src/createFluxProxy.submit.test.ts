import { describe, expect, it, vi } from "vitest";
import { TEST_KEY } from "../test/fakeBfl";
import { get, pollingUrlFor, post, setup, submitTask } from "../test/helpers";

describe("POST /v1/{model}", () => {
  it("forwards with the key and no client credentials, and rewrites polling_url to the proxy", async () => {
    const { fake, proxy } = setup();
    const res = await proxy(
      post(
        "/v1/flux-2-pro",
        { prompt: "a fox" },
        { cookie: "sid=1", authorization: "Bearer user", "x-key": "client" },
      ),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: "task-1", cost: 3, input_mp: 0, output_mp: 1 });
    expect(body.polling_url).toMatch(pollingUrlFor("task-1"));
    expect(res.headers.get("set-cookie")).toBeNull();
    const call = fake.calls[0]!;
    expect(call.url).toBe("https://api.bfl.ai/v1/flux-2-pro");
    expect(call.headers["x-key"]).toBe(TEST_KEY);
    expect(call.headers.cookie).toBeUndefined();
    expect(call.headers.authorization).toBeUndefined();
    expect(JSON.parse(call.body)).toEqual({ prompt: "a fox" });
  });

  it("carries a regional polling host in a signed token", async () => {
    const { proxy } = setup({}, { pollingOrigin: "https://api.eu2.bfl.ai" });
    const body = (await (await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).json()) as {
      polling_url: string;
    };
    const url = new URL(body.polling_url);
    expect(url.origin + url.pathname).toBe("https://app.example/api/flux/v1/get_result");
    expect(url.searchParams.get("id")).toBe("task-1");
    expect(url.searchParams.get("t")).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it("drops a polling host outside the allowlist and polls the configured upstream instead", async () => {
    const { proxy } = setup({}, { pollingOrigin: "https://evil.example" });
    const body = (await (await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).json()) as {
      polling_url: string;
    };
    expect(body.polling_url).toMatch(pollingUrlFor("task-1"));
  });

  it("polls the host a later polling_url really names, after an allowed host was seen (no prefix shortcut)", async () => {
    const fakeOptions: { pollingOrigin?: string } = { pollingOrigin: "https://api.eu2.bfl.ai" };
    const { fake, proxy } = setup({ limits: { maxActiveTasksPerClient: Infinity } }, fakeOptions);
    const polledHost = async (pollingOrigin: string) => {
      fakeOptions.pollingOrigin = pollingOrigin;
      const { poll } = await submitTask(proxy);
      await proxy(get(poll));
      return new URL(fake.calls.at(-1)!.url).origin;
    };
    expect(await polledHost("https://api.eu2.bfl.ai")).toBe("https://api.eu2.bfl.ai");
    // each spelling starts with the allowed origin the proxy has just seen, but names another host
    for (const hostile of [
      "https://api.eu2.bfl.ai.evil.example",
      "https://api.eu2.bfl.ai@evil.example",
      "https://api.eu2.bfl.ai\t.evil.example",
      "https://api.eu2.bfl.ai:8443",
    ]) {
      expect(await polledHost(hostile)).toBe("https://api.bfl.ai");
    }
    expect(await polledHost("https://api.eu2.bfl.ai")).toBe("https://api.eu2.bfl.ai");
  });

  it("answers 400 (not 500) to a body nested too deeply to re-encode, and takes no slot", async () => {
    const { fake, proxy } = setup({ limits: { maxActiveTasksPerClient: 1 } });
    const deep = `{"prompt":"x","extra":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const res = await proxy(post("/v1/flux-2-pro", deep));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: "The request body is nested too deeply.",
      code: "invalid_body",
    });
    expect(fake.calls).toHaveLength(0);
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(200);
  });

  it("answers 422 with FastAPI's body for invalid input, without spending a call", async () => {
    const { fake, proxy } = setup();
    const res = await proxy(post("/v1/flux-2-pro", { prompt: "x", safety_tolerance: 9 }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: { loc: unknown[]; msg: string; type: string }[] };
    expect(body.detail[0]?.loc).toEqual(["body", "safety_tolerance"]);
    expect(typeof body.detail[0]?.msg).toBe("string");
    expect(fake.calls).toHaveLength(0);
  });

  it("skips validation when `validate: false`, and uses a custom validator", async () => {
    const off = setup({ validate: false });
    expect((await off.proxy(post("/v1/flux-2-pro", { prompt: "x", safety_tolerance: 9 }))).status).toBe(200);
    const custom = setup({ validate: () => ({ success: false, issues: [], body: { detail: "no foxes" } }) });
    const res = await custom.proxy(post("/v1/flux-2-pro", { prompt: "fox" }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ detail: "no foxes" });
  });

  it("refuses models outside the allowlist: 403 for known ones, 404 for unknown", async () => {
    const { fake, proxy } = setup({ allowedModels: ["flux-2-pro"] });
    const refused = await proxy(post("/v1/flux-kontext-max", { prompt: "x" }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "model_not_enabled" });
    expect((await proxy(post("/v1/flux-9000", { prompt: "x" }))).status).toBe(404);
    expect(fake.calls).toHaveLength(0);
  });

  it("answers 400 with a clear message for malformed JSON and non-object bodies", async () => {
    const { proxy } = setup();
    const bad = await proxy(post("/v1/flux-2-pro", "{prompt:"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/^Malformed JSON body/);
    expect((await proxy(post("/v1/flux-2-pro", "[1,2]"))).status).toBe(400);
    expect((await proxy(post("/v1/flux-2-pro", ""))).status).toBe(400);
  });

  it("answers 413 for a declared or streamed body over maxBodyBytes", async () => {
    const { fake, proxy } = setup({ limits: { maxBodyBytes: 100 } });
    const big = JSON.stringify({ prompt: "x".repeat(200) });
    expect((await proxy(post("/v1/flux-2-pro", big))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode("x".repeat(50)));
        c.close();
      },
    });
    const chunked = new Request("https://app.example/api/flux/v1/flux-2-pro", {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await proxy(chunked)).status).toBe(413);
    expect(fake.calls).toHaveLength(0);
  });

  it("passes upstream 402/422/429 through with their bodies and Retry-After", async () => {
    const { fake, proxy } = setup();
    fake.script(402, JSON.stringify({ detail: "Insufficient credits" }));
    const credits = await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    expect(credits.status).toBe(402);
    expect(await credits.json()).toEqual({ detail: "Insufficient credits" });
    fake.script(429, JSON.stringify({ detail: "Too many active tasks" }), {
      "retry-after": "7",
      "set-cookie": "x=1",
    });
    const limited = await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("set-cookie")).toBeNull();
    fake.script(500, "<html>oops</html>");
    const server = await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    expect(server.status).toBe(500);
    expect(await server.json()).toEqual({ detail: "<html>oops</html>" });
  });

  it("limits active tasks per client and frees a slot when a poll sees the task finish", async () => {
    const { proxy } = setup({ limits: { maxActiveTasksPerClient: 1 } }, { pendingPolls: 0 });
    const ok = await proxy(post("/v1/flux-2-pro", { prompt: "x" }), { clientAddress: "10.0.0.1" });
    expect(ok.status).toBe(200);
    const over = await proxy(post("/v1/flux-2-pro", { prompt: "x" }), { clientAddress: "10.0.0.1" });
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("5");
    const other = await proxy(post("/v1/flux-2-pro", { prompt: "x" }), { clientAddress: "10.0.0.2" });
    expect(other.status).toBe(200);
    const ready = await proxy(
      get(`/v1/get_result${new URL(((await ok.json()) as { polling_url: string }).polling_url).search}`),
      { clientAddress: "10.0.0.1" },
    );
    expect(((await ready.json()) as { status: string }).status).toBe("Ready");
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }), { clientAddress: "10.0.0.1" })).status).toBe(
      200,
    );
  });

  it("frees the slot of a submit that failed upstream", async () => {
    const { fake, proxy } = setup({ limits: { maxActiveTasksPerClient: 1 } });
    fake.script(422, JSON.stringify({ detail: [] }));
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(422);
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(200);
  });

  it("calls onSubmit with task, model, client and cost; a throwing hook goes to onError only", async () => {
    const onError = vi.fn();
    const onSubmit = vi.fn(() => {
      throw new Error("db down");
    });
    const { proxy } = setup({ onSubmit, onError });
    const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }), { clientAddress: "10.1.1.1" });
    expect(res.status).toBe(200);
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ taskId: "task-1", model: "flux-2-pro", clientId: "ip:10.1.1.1", cost: 3 }),
    );
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ kind: "hook", route: "submit", taskId: "task-1" }),
    );
  });

  it("uses publicOrigin in rewritten URLs", async () => {
    const { proxy } = setup({ publicOrigin: "https://cdn.example" });
    const body = (await (await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).json()) as {
      polling_url: string;
    };
    expect(body.polling_url).toMatch(pollingUrlFor("task-1", "https://cdn.example"));
  });
});
