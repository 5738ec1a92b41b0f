import { deliveryExpiry } from "@flux-kit/core";
import { describe, expect, it, vi } from "vitest";
import { TEST_KEY } from "../test/fakeBfl";
import { get, post, setup } from "../test/helpers";

async function submit(proxy: (r: Request) => Promise<Response>): Promise<string> {
  const body = (await (await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).json()) as {
    polling_url: string;
  };
  return body.polling_url.replace("https://app.example/api/flux", "");
}

describe("GET /v1/get_result", () => {
  it("polls the configured upstream with the key when no token is given", async () => {
    const { fake, proxy } = setup();
    await submit(proxy);
    const res = await proxy(get("/v1/get_result?id=task-1&attempt=2", { cookie: "sid=1" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: "task-1", status: "Pending" });
    const call = fake.calls[1]!;
    expect(call.url).toBe("https://api.bfl.ai/v1/get_result?id=task-1");
    expect(call.headers["x-key"]).toBe(TEST_KEY);
    expect(call.headers.cookie).toBeUndefined();
  });

  it("polls the regional host BFL named, carried in the signed token", async () => {
    const { fake, proxy } = setup({}, { pollingOrigin: "https://api.eu2.bfl.ai" });
    const path = await submit(proxy);
    expect((await proxy(get(path))).status).toBe(200);
    expect(fake.calls[1]!.url).toBe("https://api.eu2.bfl.ai/v1/get_result?id=task-1");
  });

  it("refuses malformed tokens with 400, and answers Task not found to forged or re-bound ones, contacting nobody", async () => {
    const { fake, proxy } = setup({}, { pollingOrigin: "https://api.eu2.bfl.ai" });
    const path = await submit(proxy);
    const token = new URL(path, "https://x").searchParams.get("t")!;
    const [, sig] = token.split(".");
    for (const t of ["abc.def", token.slice(0, -2), "", "."]) {
      const res = await proxy(get(`/v1/get_result?id=task-1&t=${encodeURIComponent(t)}`));
      expect(res.status, t).toBe(400);
    }
    const evil = Buffer.from("https://evil.example").toString("base64url");
    // a genuine signature moved onto another host, and the same token for another task id
    for (const forged of [
      `/v1/get_result?id=task-1&t=${evil}.${sig}`,
      `/v1/get_result?id=task-2&t=${token}`,
    ]) {
      const res = await proxy(get(forged));
      expect(res.status, forged).toBe(200);
      expect(await res.json()).toMatchObject({ status: "Task not found" });
    }
    expect(fake.calls).toHaveLength(1);
  });

  it("answers 422 like FastAPI for a missing or odd id", async () => {
    const { fake, proxy } = setup();
    const missing = await proxy(get("/v1/get_result"));
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      detail: [{ type: "missing", loc: ["query", "id"], msg: "Field required", input: null }],
    });
    expect((await proxy(get("/v1/get_result?id=../../x"))).status).toBe(422);
    expect(fake.calls).toHaveLength(0);
  });

  it("rewrites result.sample to the image route when Ready, and strips upstream Set-Cookie", async () => {
    const { proxy } = setup({}, { pendingPolls: 0 });
    await submit(proxy);
    const res = await proxy(get("/v1/get_result?id=task-1"));
    expect(res.headers.get("set-cookie")).toBeNull();
    const body = (await res.json()) as { status: string; result: { sample: string; seed: number } };
    expect(body.status).toBe("Ready");
    expect(body.result.seed).toBe(1);
    const sample = new URL(body.result.sample);
    expect(sample.origin + sample.pathname).toBe("https://app.example/api/flux/v1/image");
    expect(sample.searchParams.get("u")).toMatch(
      /^https:\/\/delivery-eu1\.bfl\.ai\/results\/task-1\/sample\.jpeg\?se=/,
    );
    // the delivery URL's expiry stays readable by clients (core's deliveryExpiry) through `exp`
    const se = new URL(sample.searchParams.get("u")!).searchParams.get("se")!;
    expect(deliveryExpiry(body.result.sample)?.getTime()).toBe(Date.parse(se));
  });

  it("leaves result.sample alone with imageProxy: false", async () => {
    const { proxy } = setup({ imageProxy: false }, { pendingPolls: 0 });
    await submit(proxy);
    const body = (await (await proxy(get("/v1/get_result?id=task-1"))).json()) as {
      result: { sample: string };
    };
    expect(body.result.sample).toMatch(/^https:\/\/delivery-eu1\.bfl\.ai\//);
  });

  it("calls onResult once per task and can point clients at a persisted copy", async () => {
    const onResult = vi.fn(() => Promise.resolve({ sample: "https://cdn.example/persisted.jpg" }));
    const { proxy } = setup({ onResult }, { pendingPolls: 0 });
    await submit(proxy);
    const [a, b] = await Promise.all([
      proxy(get("/v1/get_result?id=task-1")),
      proxy(get("/v1/get_result?id=task-1")),
    ]);
    const third = await proxy(get("/v1/get_result?id=task-1"));
    for (const res of [a, b, third]) {
      expect(((await res.json()) as { result: { sample: string } }).result.sample).toBe(
        "https://cdn.example/persisted.jpg",
      );
    }
    expect(onResult).toHaveBeenCalledTimes(1);
    expect(onResult).toHaveBeenCalledWith(
      expect.objectContaining({
        taskId: "task-1",
        sample: expect.stringMatching(/^https:\/\/delivery-eu1/) as string,
      }),
    );
  });

  it("ends a task at the statuses the client ends at (any case, trimmed): frees the slot and runs onResult", async () => {
    // regression: the proxy matched statuses exactly while core's client stops at "ready" too, so such a task
    // kept its slot until the TTL and never reached onResult
    const onResult = vi.fn(() => Promise.resolve(undefined));
    const { fake, proxy } = setup({ onResult, limits: { maxActiveTasksPerClient: 1 } });
    const path = await submit(proxy);
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(429);
    fake.script(
      200,
      JSON.stringify({
        id: "task-1",
        status: " ready ",
        result: { sample: "https://delivery-eu1.bfl.ai/results/a.jpeg" },
      }),
    );
    expect((await proxy(get(path))).status).toBe(200);
    expect(onResult).toHaveBeenCalledTimes(1);
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(200);
  });

  it("retries onResult on a later poll when it threw, and reports the error", async () => {
    const onError = vi.fn();
    const onResult = vi.fn().mockRejectedValueOnce(new Error("disk full")).mockResolvedValueOnce(undefined);
    const { proxy } = setup({ onResult, onError }, { pendingPolls: 0 });
    await submit(proxy);
    expect((await proxy(get("/v1/get_result?id=task-1"))).status).toBe(200);
    expect((await proxy(get("/v1/get_result?id=task-1"))).status).toBe(200);
    expect(onResult).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: "hook", route: "poll" }));
  });

  it("turns an upstream timeout into 504 and an unreachable upstream into 502", async () => {
    const slow = setup({
      limits: { upstreamTimeoutMs: 20 },
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
        ),
    });
    const timedOut = await slow.proxy(get("/v1/get_result?id=task-1"));
    expect(timedOut.status).toBe(504);
    const down = setup({ fetch: () => Promise.reject(new TypeError("fetch failed")) });
    expect((await down.proxy(get("/v1/get_result?id=task-1"))).status).toBe(502);
  });
});
