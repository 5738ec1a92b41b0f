import { describe, expect, it } from "vitest";
import { get, setup } from "../test/helpers";

const future = () => encodeURIComponent(new Date(Date.now() + 5 * 60_000).toISOString());
const image = (u: string) => get(`/v1/image?u=${encodeURIComponent(u)}`);

describe("GET /v1/image", () => {
  it("streams an allowlisted delivery image with its type and caching headers, without the key", async () => {
    const { fake, proxy } = setup();
    fake.setImage(new Uint8Array(5000).fill(9));
    const res = await proxy(image(`https://delivery-eu1.bfl.ai/results/a/sample.jpeg?se=${future()}&sig=x`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toMatch(/^private, max-age=(29\d|300)$/);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(5000).fill(9));
    expect(fake.calls[0]!.headers["x-key"]).toBeUndefined();
  });

  it("accepts Azure delivery hosts and configured extra origins", async () => {
    const { proxy } = setup({ imageProxy: { allowedOrigins: ["http://127.0.0.1:4010"] } });
    expect(
      (await proxy(image(`https://bfldeliveryprodeu4.blob.core.windows.net/results/x.jpeg?se=${future()}`)))
        .status,
    ).toBe(200);
    expect((await proxy(image("http://127.0.0.1:4010/results/x.jpeg"))).status).toBe(200);
  });

  it("refuses foreign hosts with 403 and expired URLs with 410, contacting nobody", async () => {
    const { fake, proxy } = setup();
    const foreign = await proxy(image("https://evil.example/x.jpeg"));
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { detail: string }).detail).toMatch(/delivery host/);
    const past = encodeURIComponent(new Date(Date.now() - 1000).toISOString());
    const expired = await proxy(image(`https://delivery-eu1.bfl.ai/results/a.jpeg?se=${past}`));
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { detail: string }).detail).toMatch(/expired/);
    expect((await proxy(get("/v1/image"))).status).toBe(400);
    expect(fake.calls).toHaveLength(0);
  });

  it("keeps the delivery host's refusal status and never follows its redirects", async () => {
    const { fake, proxy } = setup();
    fake.script(403, "<Error>AuthenticationFailed</Error>");
    expect((await proxy(image(`https://delivery-eu1.bfl.ai/r.jpeg?se=${future()}`))).status).toBe(403);
    fake.script(302, "", { location: "https://evil.example/" });
    const redirected = await proxy(image(`https://delivery-eu1.bfl.ai/r.jpeg?se=${future()}`));
    expect(redirected.status).toBe(502);
    expect(redirected.headers.get("location")).toBeNull();
    expect(fake.calls).toHaveLength(2);
  });

  it("answers HEAD with headers only", async () => {
    const { proxy } = setup();
    const res = await proxy(
      new Request(
        `https://app.example/api/flux/v1/image?u=${encodeURIComponent("https://delivery-us1.bfl.ai/results/a.png")}`,
        {
          method: "HEAD",
        },
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
