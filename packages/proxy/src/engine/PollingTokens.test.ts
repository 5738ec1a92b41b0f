import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PollingTokens, toBase64Url } from "./PollingTokens";

const LABEL = "flux-kit/proxy/polling-token/v1";

/** A token as Web Crypto computes it: HMAC-SHA-256 under HMAC-SHA-256(secret, LABEL), first 16 bytes. */
async function webCryptoToken(secret: string, origin: string, task: string, client: string) {
  const { subtle } = globalThis.crypto;
  const text = new TextEncoder();
  const hmac = { name: "HMAC", hash: "SHA-256" } as const;
  const root = await subtle.importKey("raw", text.encode(secret), hmac, false, ["sign"]);
  const derived = await subtle.sign("HMAC", root, text.encode(LABEL));
  const key = await subtle.importKey("raw", derived, hmac, false, ["sign"]);
  const sig = new Uint8Array(await subtle.sign("HMAC", key, text.encode(`${origin}\n${task}\n${client}`)));
  return `${toBase64Url(text.encode(origin))}.${toBase64Url(sig.subarray(0, 16))}`;
}

/** The same with node:crypto. */
function nodeCryptoToken(secret: string, origin: string, task: string, client: string) {
  const key = createHmac("sha256", secret).update(LABEL).digest();
  const sig = createHmac("sha256", key).update(`${origin}\n${task}\n${client}`).digest();
  return `${Buffer.from(origin).toString("base64url")}.${sig.subarray(0, 16).toString("base64url")}`;
}

describe("toBase64Url", () => {
  it("writes what Node's base64url encoder writes, for every length and byte", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
      }),
      { numRuns: 500 },
    );
  });
});

describe("PollingTokens", () => {
  it("signs the tokens Web Crypto and node:crypto compute, so every runtime and instance agrees", async () => {
    for (const [secret, origin, task, client] of [
      ["s3cret", "https://api.eu2.bfl.ai", "task-1", "user:ada"],
      ["s3cret", "https://api.bfl.ai", "ab.cd:ef", "ip:::1"],
      ["derived:bfl_" + "k".repeat(80), "https://api.us1.bfl.ai", "7f3c-…", "id:Zoë 🦊"],
    ] as const) {
      const tokens = new PollingTokens(secret);
      const token = tokens.sign(origin, task, client);
      expect(token).toBe(await webCryptoToken(secret, origin, task, client));
      expect(token).toBe(nodeCryptoToken(secret, origin, task, client));
      expect(tokens.verify(token, task, client)).toEqual({ kind: "valid", origin });
    }
  });

  it("binds the token to the task and the client; another secret's tokens are foreign", () => {
    const tokens = new PollingTokens("s3cret");
    const token = tokens.sign("https://api.bfl.ai", "task-1", "user:ada");
    expect(tokens.verify(token, "task-2", "user:ada")).toEqual({ kind: "foreign" });
    expect(tokens.verify(token, "task-1", "user:bob")).toEqual({ kind: "foreign" });
    expect(new PollingTokens("other").verify(token, "task-1", "user:ada")).toEqual({ kind: "foreign" });
    expect(tokens.verify("not-a-token", "task-1", "user:ada")).toEqual({ kind: "malformed" });
  });
});
