import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "./verifyWebhook";
import { getHeader, getHeaderValues } from "./webhookHeaders";

const secret = "hdr-secret";
const body = '{"task_id":"t","status":"PENDING","progress":40}';
const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("webhook headers in every form a server hands over", () => {
  it("reads a Fetch Headers object", async () => {
    const headers = new Headers({ "X-BFL-Signature": signature });
    expect((await verifyWebhook({ rawBody: body, headers, secret })).ok).toBe(true);
  });

  it("reads a plain record case-insensitively", async () => {
    for (const name of ["x-bfl-signature", "X-BFL-Signature", "X-Bfl-Signature"]) {
      expect((await verifyWebhook({ rawBody: body, headers: { [name]: signature }, secret })).ok, name).toBe(
        true,
      );
    }
  });

  it("reads Node's IncomingHttpHeaders with string[] values", async () => {
    const headers: IncomingHttpHeaders = { "x-bfl-signature": ["sha256=" + "0".repeat(64), signature] };
    expect((await verifyWebhook({ rawBody: body, headers, secret })).ok).toBe(true);
    const shared: IncomingHttpHeaders = { "x-webhook-secret": ["nope", secret] };
    expect(await verifyWebhook({ rawBody: body, headers: shared, secret })).toMatchObject({
      ok: true,
      scheme: "shared-secret",
    });
  });

  it("treats undefined, empty and blank values as absent", async () => {
    const headers = { "x-bfl-signature": undefined, "x-webhook-secret": "  " };
    expect(await verifyWebhook({ rawBody: body, headers, secret })).toMatchObject({
      reason: "missing_signature",
    });
    expect(getHeader({ a: ["", " ", "x "] }, "A")).toBe("x");
    expect(getHeader(new Headers(), "a")).toBeUndefined();
  });

  it("collects every value of a header across differently-cased keys", () => {
    expect(getHeaderValues({ "X-A": "1", "x-a": ["2", "3"], "x-b": "4" }, "x-a")).toEqual(["1", "2", "3"]);
    expect(getHeaderValues({ n: 5 }, "N")).toEqual(["5"]);
  });
});
