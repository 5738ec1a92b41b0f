import { createFluxClient, type FluxClient, type FluxJob } from "@flux-kit/core";
import { createMockBfl, type MockBfl } from "@flux-kit/mock";
import { fluxSubmitMutationOptions, fluxTaskQueryOptions } from "@flux-kit/react";
import { MutationObserver, QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { SHOWN_KEY, watchViewerTasks, type ViewerTasks } from "./viewerTasks";

const ORIGIN = "http://mock-bfl.invalid";
const KEY = "viewer-test-key";
let mock: MockBfl;
let client: FluxClient;
let storage: Storage;
const opened: { viewer: ViewerTasks; queryClient: QueryClient }[] = [];

/** A Storage over a Map: one browser's localStorage, shared by its pages. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

beforeEach(() => {
  // a manual clock: a task moves only when the test advances it
  mock = createMockBfl({ apiKeys: [KEY], seed: 3, clock: "manual" });
  client = createFluxClient({ apiKey: KEY, baseUrl: ORIGIN, fetch: mock.fetch });
  storage = memoryStorage();
});

afterEach(() => {
  for (const { viewer, queryClient } of opened.splice(0)) {
    viewer.close();
    queryClient.clear();
  }
  mock.close();
});

/** A page load: its own query cache (as `main.tsx` makes), the browser's storage. */
function openPage() {
  const queryClient = new QueryClient();
  const viewer = watchViewerTasks(queryClient, storage);
  opened.push({ viewer, queryClient });
  return {
    viewer,
    /** What `useFluxGeneration` does on Generate: a submit through the mutation cache. */
    submit: (prompt: string): Promise<FluxJob> =>
      new MutationObserver(queryClient, fluxSubmitMutationOptions(client, "flux-2-klein-4b")).mutate({
        prompt,
      }),
    /** What the viewer does while it shows a task: a query observer on the task; polls when the test says. */
    watch(job: FluxJob) {
      // no refetch timer: each poll is the test's `poll()`
      const observer = new QueryObserver(queryClient, {
        ...fluxTaskQueryOptions(client, job),
        refetchInterval: false,
      });
      const stop = observer.subscribe(() => undefined);
      return {
        poll: async () => (await observer.refetch()).data,
        stop,
      };
    },
  };
}

/** A task submitted by an earlier page (closed since), as the studio finds it in sessionStorage. */
const submittedElsewhere = (prompt: string) => client.submit("flux-2-klein-4b", { prompt });

test("a task submitted here and watched to Ready was shown, also to the next page", async () => {
  const page = openPage();
  const changed = vi.fn();
  page.viewer.subscribe(changed);
  const job = await page.submit("a red kite");
  expect(page.viewer.shown(job.id)).toBe(true);
  const viewer = page.watch(job);
  expect((await viewer.poll())?.terminal).toBe(false);

  await mock.advance(300_000);
  expect((await viewer.poll())?.status).toBe("Ready");
  expect(page.viewer.shown(job.id)).toBe(true);
  expect(changed).toHaveBeenCalled();
  expect(JSON.parse(storage.getItem(SHOWN_KEY)!)).toEqual([job.id]);

  expect(openPage().viewer.shown(job.id)).toBe(true);
});

test("a task the studio resumed after it had ended (first poll: Ready) finished in the background", async () => {
  const job = await submittedElsewhere("an owl left alone");
  await mock.advance(300_000);
  const page = openPage();
  const viewer = page.watch(job);
  expect((await viewer.poll())?.status).toBe("Ready");
  expect(page.viewer.shown(job.id)).toBe(false);
  expect(openPage().viewer.shown(job.id)).toBe(false);
});

test("a task the studio resumed while running, then watched end, was shown", async () => {
  const job = await submittedElsewhere("a heron resumed after a reload [mock:error:GPU fell over]");
  const page = openPage();
  const viewer = page.watch(job);
  expect((await viewer.poll())?.terminal).toBe(false);
  expect(page.viewer.shown(job.id)).toBe(true);
  await mock.advance(300_000);
  expect((await viewer.poll())?.status).toBe("Error");
  expect(openPage().viewer.shown(job.id)).toBe(true);
});

test("a task the viewer stopped watching before its end (cancelled, overtaken) was not shown", async () => {
  const page = openPage();
  const job = await page.submit("a lantern, then another idea");
  const viewer = page.watch(job);
  expect((await viewer.poll())?.terminal).toBe(false);
  viewer.stop();
  expect(page.viewer.shown(job.id)).toBe(false);
  await mock.advance(300_000);
  expect(page.viewer.shown(job.id)).toBe(false);
  expect(openPage().viewer.shown(job.id)).toBe(false);
});

test("other queries and mutations of the app are not tasks", async () => {
  const queryClient = new QueryClient();
  const viewer = watchViewerTasks(queryClient, storage);
  opened.push({ viewer, queryClient });
  await queryClient.fetchQuery({
    queryKey: ["demo", "gallery"],
    queryFn: () => ({ id: "x", terminal: false }),
  });
  expect(viewer.shown("x")).toBe(false);
});
