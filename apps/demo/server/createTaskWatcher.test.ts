import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFluxClient, fixedPolling, type FluxClient, type FluxResult } from "@flux-kit/core";
import { createMockBfl, type MockBfl } from "@flux-kit/mock";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { createTaskWatcher, type TaskWatcher } from "./createTaskWatcher";

const ORIGIN = "http://mock-bfl.invalid";
const KEY = "watcher-test-key";
const OWNER = "session-of-alice";
let dir: string;
let mock: MockBfl;
let client: FluxClient;
const watchers: TaskWatcher[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "flux-demo-watcher-"));
  mock = createMockBfl({ apiKeys: [KEY], seed: 1, durationMs: 30 });
  client = createFluxClient({
    apiKey: KEY,
    baseUrl: ORIGIN,
    fetch: mock.fetch,
    poll: { policy: fixedPolling(5) },
  });
});

afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.close()));
  mock.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(onReady: (result: FluxResult) => Promise<unknown> = () => Promise.resolve()) {
  const watcher = await createTaskWatcher({
    client,
    file: join(dir, "pending.json"),
    failedFile: join(dir, "failed.json"),
    onReady: (_job, result) => onReady(result),
  });
  watchers.push(watcher);
  return watcher;
}

async function submit(prompt: string, owner = OWNER) {
  const job = await client.submit("flux-2-pro", { prompt });
  return {
    id: job.id,
    owner,
    pollingUrl: job.pollingUrl,
    model: job.model,
    submittedAt: job.submittedAt,
    prompt,
  };
}

test("follows a task to its image and hands the result to onReady", async () => {
  const onReady = vi.fn((_result: FluxResult) => Promise.resolve());
  const watcher = await open(onReady);
  const job = await submit("a red kite");
  watcher.watch(job);
  expect(watcher.pending(OWNER).map((t) => t.id)).toEqual([job.id]);

  await expect.poll(() => onReady).toHaveBeenCalledTimes(1);
  // the result as BFL sent it: FLUX.2 [pro] rendered an upsampled prompt
  expect(onReady.mock.calls[0]![0]).toMatchObject({
    id: job.id,
    prompt: expect.stringMatching(/^a red kite\. /) as unknown,
  });
  await expect.poll(() => watcher.pending(OWNER)).toEqual([]);
  expect(watcher.failed(OWNER)).toEqual([]);
});

test("a moderated task is kept as a failure with its reasons, and outlives a restart", async () => {
  const watcher = await open();
  const job = await submit("a market [mock:content-moderated:Violence|Derivative Works]");
  watcher.watch(job);

  await expect.poll(() => watcher.failed(OWNER)).toHaveLength(1);
  expect(watcher.failed(OWNER)[0]).toMatchObject({
    id: job.id,
    model: "flux-2-pro",
    code: "moderated",
    reasons: ["Violence", "Derivative Works"],
    submittedAt: job.submittedAt,
    prompt: "a market [mock:content-moderated:Violence|Derivative Works]",
  });
  expect(watcher.pending(OWNER)).toEqual([]);
  await watcher.close();

  const restarted = await open();
  expect(restarted.failed(OWNER)).toMatchObject([{ id: job.id, code: "moderated", prompt: job.prompt }]);
  expect(restarted.pending(OWNER)).toEqual([]);
});

test("a failed generation is kept with what BFL said", async () => {
  const watcher = await open();
  watcher.watch(await submit("a lamp [mock:error:GPU fell over]"));
  await expect.poll(() => watcher.failed(OWNER)).toHaveLength(1);
  expect(watcher.failed(OWNER)[0]).toMatchObject({
    code: "generation_failed",
    reasons: [],
    detail: "GPU fell over",
  });
});

test("tasks still running when the server stops are watched again after a restart", async () => {
  const watcher = await open();
  const job = await submit("a slow owl [mock:stuck]");
  watcher.watch(job);
  await watcher.close();
  const saved = JSON.parse(await readFile(join(dir, "pending.json"), "utf8")) as { id: string }[];
  expect(saved.map((j) => j.id)).toEqual([job.id]);

  const restarted = await open();
  expect(restarted.pending(OWNER).map((t) => t.id)).toEqual([job.id]);
  expect(restarted.job(job.id)?.model).toBe("flux-2-pro");
});

test("each session is listed its own running tasks and failures only, also after a restart", async () => {
  const watcher = await open();
  const running = await submit("Alice's slow owl [mock:stuck]");
  const failing = await submit("Alice's lamp [mock:error:GPU fell over]");
  const bobs = await submit("Bob's slow heron [mock:stuck]", "session-of-bob");
  for (const job of [running, failing, bobs]) watcher.watch(job);

  await expect.poll(() => watcher.failed(OWNER).map((f) => f.id)).toEqual([failing.id]);
  expect(watcher.pending(OWNER).map((t) => t.id)).toEqual([running.id]);
  expect(watcher.pending("session-of-bob").map((t) => t.id)).toEqual([bobs.id]);
  expect(watcher.failed("session-of-bob")).toEqual([]);
  expect(watcher.pending("session-of-carol")).toEqual([]);
  // the session of a task is known while it runs and after it ended (for the proxy's onResult)
  expect(watcher.owner(running.id)).toBe(OWNER);
  expect(watcher.owner(failing.id)).toBe(OWNER);
  expect(watcher.owner(bobs.id)).toBe("session-of-bob");
  expect(watcher.owner("unknown-task")).toBeUndefined();
  // the answer names no session
  expect(JSON.stringify([watcher.pending(OWNER), watcher.failed(OWNER)])).not.toContain(OWNER);
  await watcher.close();

  const restarted = await open();
  expect(restarted.pending(OWNER).map((t) => t.id)).toEqual([running.id]);
  expect(restarted.failed(OWNER).map((f) => f.id)).toEqual([failing.id]);
  expect(restarted.pending("session-of-bob").map((t) => t.id)).toEqual([bobs.id]);
  expect(restarted.failed("session-of-bob")).toEqual([]);
});
