import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";

describe("prices", () => {
  it("charges FLUX.2 [flex] 5 credits per megapixel, not 6 (docs/bfl-api.md Part II §4.3)", async () => {
    const api = await loopback({ credits: 100 });
    const res = await api.submit("flux-2-flex", { prompt: "a fox", width: 1024, height: 1024 });
    expect(res.body).toMatchObject({ cost: 5 });
    expect(api.server.mock.getCredits()).toBe(95);
  });
});
