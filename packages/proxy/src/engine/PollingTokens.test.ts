import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeTokenMac } from "../node/nodeTokenMac";
import { PollingTokens, toBase64Url, webTokenMac } from "./PollingTokens";

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
  it("signs the same token with Web Crypto and node:crypto, so transports and instances agree", async () => {
    const web = new PollingTokens("s3cret", webTokenMac);
    const node = new PollingTokens("s3cret", nodeTokenMac);
    for (const [origin, task, client] of [
      ["https://api.eu2.bfl.ai", "task-1", "user:ada"],
      ["https://api.bfl.ai", "ab.cd:ef", "ip:::1"],
    ] as const) {
      const token = await web.sign(origin, task, client);
      expect(await node.sign(origin, task, client)).toBe(token);
      expect(await node.verify(token, task, client)).toEqual({ kind: "valid", origin });
    }
  });

  it("binds the token to the task and the client; another secret's tokens are foreign", async () => {
    const tokens = new PollingTokens("s3cret", nodeTokenMac);
    const token = await tokens.sign("https://api.bfl.ai", "task-1", "user:ada");
    expect(await tokens.verify(token, "task-2", "user:ada")).toEqual({ kind: "foreign" });
    expect(await tokens.verify(token, "task-1", "user:bob")).toEqual({ kind: "foreign" });
    expect(await new PollingTokens("other").verify(token, "task-1", "user:ada")).toEqual({ kind: "foreign" });
    expect(await tokens.verify("not-a-token", "task-1", "user:ada")).toEqual({ kind: "malformed" });
  });
});
