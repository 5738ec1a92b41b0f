import { signWebhook } from "@flux-kit/core";
import { describe, expect, it, vi } from "vitest";
import { createWebhookHandler } from "./createWebhookHandler";

const SECRET = "whsec_test";
const payload = JSON.stringify({
  task_id: "t-1",
  status: "SUCCESS",
  result: { sample: "https://delivery-eu1.bfl.ai/a.jpg" },
});

async function delivery(body = payload, secret = SECRET): Promise<Request> {
  const headers = await signWebhook({ body, secret });
  return new Request("https://app.example/api/flux/webhook", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
}

describe("createWebhookHandler", () => {
  it("verifies, parses and calls onEvent once per task", async () => {
    const onEvent = vi.fn();
    const handle = createWebhookHandler({ secret: SECRET, onEvent });
    const first = await handle(await delivery());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    const again = await handle(await delivery());
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        taskId: "t-1",
        outcome: "ready",
        result: expect.objectContaining({ sample: "https://delivery-eu1.bfl.ai/a.jpg" }) as unknown,
      }),
    );
  });

  it("answers 401 to a bad or missing signature without calling onEvent", async () => {
    const onEvent = vi.fn();
    const handle = createWebhookHandler({ secret: SECRET, onEvent });
    expect((await handle(await delivery(payload, "wrong"))).status).toBe(401);
    const unsigned = new Request("https://app.example/w", { method: "POST", body: payload });
    const res = await handle(unsigned);
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toContain(SECRET);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it("answers 500 when onEvent throws, so BFL retries, and handles the retry", async () => {
    const onEvent = vi.fn().mockRejectedValueOnce(new Error("db down")).mockResolvedValueOnce(undefined);
    const handle = createWebhookHandler({ secret: SECRET, onEvent });
    expect((await handle(await delivery())).status).toBe(500);
    expect((await handle(await delivery())).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it("refuses other methods, bad payloads and startup without a secret", async () => {
    const handle = createWebhookHandler({ secret: SECRET, onEvent: () => undefined });
    expect((await handle(new Request("https://app.example/w"))).status).toBe(405);
    expect((await handle(await delivery('{"hello":1}'))).status).toBe(400);
    expect(() => createWebhookHandler({ secret: "", onEvent: () => undefined })).toThrow(/secret/);
  });
});
