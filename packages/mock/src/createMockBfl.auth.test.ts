import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";

const INVALID_FORMAT = { detail: "Invalid API key format" };
const INVALID_KEY = { detail: "Not authenticated - Invalid Authentication" };

describe("auth ladder (docs/bfl-api.md Part II §9)", () => {
  it("answers a malformed key with 422 Invalid API key format, a well-formed unknown one with 403", async () => {
    const api = await loopback();
    for (const key of ["junk key!", "a".repeat(129), "0123456789abcdef".repeat(4), "clé"]) {
      const res = await api.submit("flux-2-pro", { prompt: "a fox" }, { key });
      expect([res.status, res.body], key).toEqual([422, INVALID_FORMAT]);
    }
    for (const key of ["wrong", "bfl_wrong", "not-the-mock-key", "3f2b1c4d-0000-4000-8000-000000000000"]) {
      const res = await api.submit("flux-2-pro", { prompt: "a fox" }, { key });
      expect([res.status, res.body], key).toEqual([403, INVALID_KEY]);
    }
    expect(api.server.mock.tasks).toHaveLength(0);
  });

  it("checks the format on credits too, and still says Not authenticated for no key", async () => {
    const api = await loopback();
    const credits = await fetch(`${api.server.url}/v1/credits`, { headers: { "x-key": "bad key" } });
    expect([credits.status, await credits.json()]).toEqual([422, INVALID_FORMAT]);
    const none = await api.submit("flux-2-pro", { prompt: "a" }, { key: null });
    expect([none.status, none.body]).toEqual([403, { detail: "Not authenticated" }]);
  });

  it("takes the format check before the key lookup and after routing", async () => {
    const api = await loopback();
    const unknownModel = await api.submit("not-a-model", { prompt: "a" }, { key: "junk key" });
    expect(unknownModel.status).toBe(404);
    const invalidBody = await api.submit("flux-2-pro", { width: 3 }, { key: "junk key" });
    expect([invalidBody.status, invalidBody.body]).toEqual([422, INVALID_FORMAT]);
  });

  it("accepts any configured key, even one outside the format, and takes a custom format", async () => {
    const own = await loopback({ apiKeys: ["my key with spaces"] });
    expect((await own.submit("flux-2-pro", { prompt: "a" }, { key: "my key with spaces" })).status).toBe(200);

    const strict = await loopback({ apiKeys: ["bfl_abc"], apiKeyFormat: /^bfl_[a-z]+$/ });
    expect((await strict.submit("flux-2-pro", { prompt: "a" }, { key: "mock-key" })).status).toBe(422);
    expect((await strict.submit("flux-2-pro", { prompt: "a" }, { key: "bfl_other" })).status).toBe(403);

    const predicate = await loopback({ apiKeyFormat: (key) => key.length === 8 });
    expect((await predicate.submit("flux-2-pro", { prompt: "a" }, { key: "12345678" })).status).toBe(403);
    expect((await predicate.submit("flux-2-pro", { prompt: "a" }, { key: "1234" })).status).toBe(422);

    const off = await loopback({ apiKeyFormat: false });
    expect((await off.submit("flux-2-pro", { prompt: "a" }, { key: "junk key!" })).status).toBe(403);
  });
});
