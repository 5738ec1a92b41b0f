import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";

const HOUR = 3_600_000;

async function readyTask(options: Parameters<typeof loopback>[0] = {}) {
  const api = await loopback({ durationMs: 1000, ...options });
  const { polling_url } = (await api.submit("flux-2-klein-4b", { prompt: "a", width: 64, height: 64 }))
    .body as { polling_url: string };
  await api.advance(1000);
  return { api, pollingUrl: polling_url };
}

describe("retention (docs/bfl-api.md Part II §8.3)", () => {
  it("keeps a finished task about an hour, then polls say Task not found", async () => {
    const { api, pollingUrl } = await readyTask();
    await api.advance(HOUR - 1000);
    expect((await api.get(pollingUrl)).body.status).toBe("Ready");
    await api.advance(1000);
    const gone = await api.get(pollingUrl);
    expect([gone.status, gone.body.status, gone.body.result]).toEqual([200, "Task not found", null]);
    expect(api.server.mock.tasks).toHaveLength(0);
  });

  it("takes another retention from retentionMs", async () => {
    const { api, pollingUrl } = await readyTask({ retentionMs: 120_000, deliveryTtlMs: HOUR });
    const { result } = (await api.get(pollingUrl)).body as { result: { sample: string } };
    await api.advance(120_000);
    expect((await api.get(pollingUrl)).body.status).toBe("Task not found");
    expect((await fetch(result.sample)).status).toBe(404);
  });
});
