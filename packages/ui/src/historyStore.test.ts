import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openHistory, type StoredImage } from "./historyStore";

let n = 0;
const image = (id: string, bytes = 10): StoredImage => ({
  id,
  model: "flux-2-pro",
  prompt: `prompt ${id}`,
  input: { prompt: `prompt ${id}`, seed: 1 },
  seed: 1,
  createdAt: ++n,
  image: { type: "image/jpeg", bytes: new Uint8Array(bytes).buffer },
  url: undefined,
});

describe("openHistory: the browser's images in IndexedDB", () => {
  it("keeps images newest first with their request and bytes, across opens", async () => {
    const name = `h-${Math.random()}`;
    const history = openHistory({ name });
    await history.put(image("a"));
    await history.put(image("b", 32));
    const again = await openHistory({ name }).list();
    expect(again.map((e) => e.id)).toEqual(["b", "a"]);
    expect(again[0]?.input).toEqual({ prompt: "prompt b", seed: 1 });
    expect(again[0]?.image.bytes.byteLength).toBe(32);
    expect(again[0]?.image.type).toBe("image/jpeg");
  });

  it("is bounded: past maxEntries or maxBytes the oldest go, the newest always stays", async () => {
    const history = openHistory({ name: `h-${Math.random()}`, maxEntries: 2, maxBytes: 1_000 });
    await history.put(image("a"));
    await history.put(image("b"));
    expect((await history.put(image("c"))).map((e) => e.id)).toEqual(["c", "b"]);
    // a large one pushes the others out, and is kept itself
    expect((await history.put(image("big", 5_000))).map((e) => e.id)).toEqual(["big"]);
  });

  it("putting an image again replaces it; remove deletes it", async () => {
    const history = openHistory({ name: `h-${Math.random()}` });
    await history.put(image("a"));
    await history.put(image("b"));
    expect((await history.put(image("a"))).map((e) => e.id)).toEqual(["a", "b"]);
    expect((await history.remove("a")).map((e) => e.id)).toEqual(["b"]);
    expect((await history.list()).map((e) => e.id)).toEqual(["b"]);
  });

  it("concurrent writes from one page queue up: none is lost", async () => {
    const history = openHistory({ name: `h-${Math.random()}` });
    await Promise.all(["a", "b", "c", "d"].map((id) => history.put(image(id))));
    expect((await history.list()).map((e) => e.id).sort()).toEqual(["a", "b", "c", "d"]);
  });
});
