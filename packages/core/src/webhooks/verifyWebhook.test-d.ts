import { describe, expectTypeOf, it } from "vitest";
import type { IncomingHttpHeaders } from "node:http";
import { verifyWebhook, type WebhookFailureReason, type WebhookHeaders, type WebhookScheme } from "./index";

describe("verifyWebhook types", () => {
  it("narrows on ok", async () => {
    const result = await verifyWebhook({ rawBody: "", headers: new Headers(), secret: "s" });
    if (result.ok) {
      expectTypeOf(result.scheme).toEqualTypeOf<WebhookScheme>();
      expectTypeOf(result.timestamp).toEqualTypeOf<Date | undefined>();
      // @ts-expect-error a success has no reason
      void result.reason;
    } else {
      expectTypeOf(result.reason).toEqualTypeOf<WebhookFailureReason>();
      expectTypeOf(result.message).toBeString();
    }
  });

  it("accepts Headers, Node's IncomingHttpHeaders and plain records", () => {
    expectTypeOf<Headers>().toExtend<WebhookHeaders>();
    expectTypeOf<IncomingHttpHeaders>().toExtend<WebhookHeaders>();
    expectTypeOf<Record<string, string>>().toExtend<WebhookHeaders>();
    expectTypeOf<Record<string, boolean>>().not.toExtend<WebhookHeaders>();
  });
});
