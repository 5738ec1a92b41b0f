import { startMockServer } from "@flux-kit/mock";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeHandler } from "../src/node";
import { serve } from "./wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe("a failed task answering its poll with 422 and its body (docs/bfl-api.md Part II §2.4, §8.3)", () => {
  it("passes the answer through and frees the client's slot, so the next submit is not refused", async () => {
    const mock = await startMockServer({ clock: "manual", durationMs: 50, errorPollStatus: 422 });
    closers.push(() => mock.close());
    const handler = createNodeHandler({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      allowedPollingOrigins: [mock.url],
      limits: { maxActiveTasksPerClient: 1 },
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    const submit = (prompt: string) =>
      fetch(`${proxy.url}/api/flux/v1/flux-2-pro`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt }),
      });

    const first = await submit("[mock:error:Invalid or corrupted image input] a fox");
    expect(first.status).toBe(200);
    const { polling_url } = (await first.json()) as { polling_url: string };
    expect((await submit("a second fox")).status).toBe(429); // the one slot is taken

    await mock.mock.advance(100);
    const poll = await fetch(polling_url);
    expect(poll.status).toBe(422);
    expect(await poll.json()).toMatchObject({ status: "Error" });

    expect((await submit("a second fox")).status).toBe(200);
  });
});
