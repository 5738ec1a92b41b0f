import { describe, expect, it } from "vitest";
import { post, setup } from "../test/helpers";

describe("origins (CORS)", () => {
  it("lets same-origin and Origin-less requests through without CORS headers", async () => {
    const { proxy } = setup();
    const same = await proxy(post("/v1/flux-2-pro", { prompt: "x" }, { origin: "https://app.example" }));
    expect(same.status).toBe(200);
    expect(same.headers.get("access-control-allow-origin")).toBeNull();
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(200);
  });

  it("refuses other origins with 403 before any upstream call", async () => {
    const { fake, proxy } = setup({ allowedOrigins: ["https://ok.example"] });
    for (const origin of [
      "https://evil.example",
      "null",
      "https://ok.example.evil.com",
      "http://ok.example",
    ]) {
      const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }, { origin }));
      expect(res.status, origin).toBe(403);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect(fake.calls).toHaveLength(0);
  });

  it("reflects an allowed origin exactly, with Vary, and answers its preflight", async () => {
    const { proxy } = setup({ allowedOrigins: ["https://ok.example"] });
    const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }, { origin: "https://ok.example" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://ok.example");
    expect(res.headers.get("vary")).toBe("Origin");
    const pre = await proxy(
      new Request("https://app.example/api/flux/v1/flux-2-pro", {
        method: "OPTIONS",
        headers: { origin: "https://ok.example", "access-control-request-method": "POST" },
      }),
    );
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
    const denied = await proxy(
      new Request("https://app.example/api/flux/v1/flux-2-pro", {
        method: "OPTIONS",
        headers: { origin: "https://x.example" },
      }),
    );
    expect(denied.status).toBe(403);
  });
});
