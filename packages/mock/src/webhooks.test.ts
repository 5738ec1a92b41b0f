import { parseWebhookEvent, verifyWebhook } from "@flux-kit/core";
import { describe, expect, it, vi } from "vitest";
import { submitOk } from "../test/helpers";
import { createMockBfl } from "./createMockBfl";
import type { MockBflOptions } from "./options";

function receiver(statuses: number[] = []) {
  const received: { body: string; headers: Headers }[] = [];
  const fetch = vi.fn(async (req: Request) => {
    received.push({ body: await req.text(), headers: req.headers });
    const status = statuses.shift() ?? 200;
    if (status === 0) throw new TypeError("fetch failed");
    return new Response(null, { status });
  });
  return { received, fetch };
}

const make = (webhooks: NonNullable<MockBflOptions["webhooks"]>) =>
  createMockBfl({ clock: "manual", seed: 3, durationMs: 2000, webhooks });

describe("webhooks", () => {
  it("posts the field payload with X-Webhook-Secret by default when the task finishes", async () => {
    const { received, fetch } = receiver();
    const mock = make({ fetch });
    const { id } = await submitOk(mock, "flux-2-pro", {
      prompt: "a",
      webhook_url: "https://hooks.example/bfl",
      webhook_secret: "s3cret",
    });
    await mock.advance(1999);
    expect(received).toHaveLength(0);
    await mock.advance(1);
    await expect.poll(() => received).toHaveLength(1);
    const [hit] = received;
    expect(hit?.headers.get("x-webhook-secret")).toBe("s3cret");
    const payload = JSON.parse(hit?.body ?? "{}") as Record<string, unknown>;
    expect(payload).toMatchObject({
      task_id: id,
      status: "SUCCESS",
      result: { sample: expect.any(String) as unknown, seed: expect.any(Number) as unknown },
    });
    const verified = await verifyWebhook({
      rawBody: hit?.body ?? "",
      headers: hit?.headers ?? new Headers(),
      secret: "s3cret",
    });
    expect(verified.ok).toBe(true);
    expect(parseWebhookEvent(hit?.body)).toMatchObject({ taskId: id, outcome: "ready" });
    expect(mock.webhooks[0]).toMatchObject({ taskId: id, attempt: 1, status: 200, delivered: true });
  });

  it("posts the skill payload signed with X-BFL-Signature HMAC when asked", async () => {
    const { received, fetch } = receiver();
    const mock = make({ version: "skill", fetch });
    const { id } = await submitOk(mock, "flux-2-pro", {
      prompt: "a",
      webhook_url: "https://h.example/",
      webhook_secret: "k",
    });
    await mock.advance(2000);
    await expect.poll(() => received).toHaveLength(1);
    const hit = received[0];
    expect(hit?.headers.get("x-bfl-signature")).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(hit?.headers.get("x-webhook-secret")).toBeNull();
    expect(JSON.parse(hit?.body ?? "")).toMatchObject({
      id,
      status: "Ready",
      timestamp: expect.any(String) as unknown,
    });
    const verified = await verifyWebhook({
      rawBody: hit?.body ?? "",
      headers: hit?.headers ?? new Headers(),
      secret: "k",
    });
    expect(verified.ok).toBe(true);
  });

  it("reports moderation and errors", async () => {
    const { received, fetch } = receiver();
    const mock = make({ fetch });
    await submitOk(mock, "flux-2-pro", {
      prompt: "[mock:request-moderated]",
      webhook_url: "https://h.example/",
    });
    await submitOk(mock, "flux-2-pro", { prompt: "[mock:error:boom]", webhook_url: "https://h.example/" });
    await mock.advance(2000);
    await expect.poll(() => received).toHaveLength(2);
    const events = received.map((r) => parseWebhookEvent(r.body));
    expect(events[0]).toMatchObject({
      outcome: "moderated",
      moderation: { stage: "request", reasons: ["Sexual Content"] },
    });
    expect(events[1]).toMatchObject({ outcome: "failed", error: "boom" });
    expect(received[0]?.headers.get("x-webhook-secret")).toBeNull();
  });

  it("retries after 1 s, 5 s and 30 s, then gives up", async () => {
    const { received, fetch } = receiver([500, 0, 503, 502]);
    const mock = make({ fetch });
    await submitOk(mock, "flux-2-pro", { prompt: "a", webhook_url: "https://h.example/" });
    await mock.advance(2000);
    await expect.poll(() => received).toHaveLength(1);
    await expect.poll(() => mock.webhooks).toHaveLength(1);
    await mock.advance(999);
    expect(received).toHaveLength(1);
    await mock.advance(1);
    await expect.poll(() => mock.webhooks).toHaveLength(2);
    await mock.advance(4999);
    expect(received).toHaveLength(2);
    await mock.advance(1);
    await expect.poll(() => mock.webhooks).toHaveLength(3);
    await mock.advance(29_999);
    expect(received).toHaveLength(3);
    await mock.advance(1);
    await expect.poll(() => mock.webhooks).toHaveLength(4);
    await mock.advance(600_000);
    expect(received).toHaveLength(4);
    expect(mock.webhooks.map((w) => [w.attempt, w.status, w.delivered])).toEqual([
      [1, 500, false],
      [2, undefined, false],
      [3, 503, false],
      [4, 502, false],
    ]);
  });

  it("stops retrying after a success", async () => {
    const { received, fetch } = receiver([500, 204]);
    const mock = make({ fetch });
    await submitOk(mock, "flux-2-pro", { prompt: "a", webhook_url: "https://h.example/" });
    await mock.advance(2000);
    await expect.poll(() => mock.webhooks).toHaveLength(1);
    await mock.advance(1000);
    await expect.poll(() => mock.webhooks).toHaveLength(2);
    await mock.advance(60_000);
    expect(received).toHaveLength(2);
  });

  it("reset() cancels pending completions and retries", async () => {
    const { received, fetch } = receiver([500]);
    const mock = make({ fetch });
    await submitOk(mock, "flux-2-pro", { prompt: "a", webhook_url: "https://h.example/" });
    await submitOk(mock, "flux-2-pro", { prompt: "b", webhook_url: "https://h.example/", seed: 1 });
    mock.reset();
    await mock.advance(100_000);
    expect(received).toHaveLength(0);
  });

  it("can answer a webhook submit with the AsyncWebhookResponse shape", async () => {
    const mock = make({ submitResponse: "webhook", fetch: receiver().fetch });
    const body = await submitOk(mock, "flux-2-pro", { prompt: "a", webhook_url: "https://h.example/" });
    expect(body).toMatchObject({ status: "Pending", webhook_url: "https://h.example/", cost: 3 });
    expect(body).not.toHaveProperty("polling_url");
  });
});

describe("webhooks on the real clock", () => {
  it("are sent when the task's timer runs a millisecond before Date.now() reaches its end", async () => {
    vi.useFakeTimers();
    try {
      const { received, fetch } = receiver();
      const mock = createMockBfl({ seed: 3, durationMs: 2000, webhooks: { fetch } });
      await submitOk(mock, "flux-2-pro", { prompt: "a", webhook_url: "https://hooks.example/bfl" });
      // Date.now() now lags the timers by 1 ms, as Node's clock can: the completion timer fires at 1999 ms
      vi.setSystemTime(Date.now() - 1);
      await vi.advanceTimersByTimeAsync(2000);
      await vi.waitFor(() => expect(received).toHaveLength(1));
      expect(mock.webhooks[0]).toMatchObject({ attempt: 1, delivered: true });
      mock.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
