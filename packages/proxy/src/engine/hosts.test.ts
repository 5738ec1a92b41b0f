import { isBflDelivery } from "@flux-kit/core";
import { mayReceiveKey } from "@flux-kit/core/internal";
import { describe, expect, it } from "vitest";
import { isAllowedDeliveryOrigin, isAllowedPollingOrigin } from "./hosts";

// The proxy and the client read BFL's hosts from one definition in core; these pin that they agree, on the cases
// that had drifted apart (any *.blob.core.windows.net, any depth under bfl.ai, ports, user info).
const URLS = [
  "https://api.bfl.ai/v1/get_result?id=a",
  "https://api.eu2.bfl.ai/v1/get_result?id=a",
  "https://api.us1.bfl.ai/v1/get_result?id=a",
  "https://a.b.c.d.bfl.ai/x",
  "https://bfl.ai/x",
  "https://api.bfl.ai:8443/x",
  "http://api.bfl.ai/x",
  "https://api.bfl.ai.evil.example/x",
  "https://delivery-eu1.bfl.ai/results/a.jpeg",
  "https://delivery.bfl.ai/results/a.jpeg",
  "https://delivery-us1.bfl.ai:444/results/a.jpeg",
  "https://bfldeliveryprodeu4.blob.core.windows.net/results/a.jpeg",
  "https://bfldeliveryscus.blob.core.windows.net/results/a.jpeg",
  "https://bfldeliveryevil.blob.core.windows.net/results/a.jpeg",
  "https://myapp.blob.core.windows.net/kept/a.jpeg?se=2030-01-01T00%3A00%3A00Z",
  "https://cdn.example/a.jpeg",
];
const none = new Set<string>();

describe("BFL hosts, one rule for proxy and client", () => {
  it("the proxy polls exactly the hosts the client sends the key to", () => {
    for (const raw of URLS) {
      expect([raw, isAllowedPollingOrigin(new URL(raw), none)]).toEqual([raw, mayReceiveKey(raw, undefined)]);
    }
  });

  it("the proxy relays images from exactly the hosts core calls BFL deliveries", () => {
    for (const raw of URLS) {
      expect([raw, isAllowedDeliveryOrigin(new URL(raw), none)]).toEqual([raw, isBflDelivery(raw)]);
    }
  });

  it("a site's own Azure account is neither, and delivery hosts never receive the key", () => {
    expect(isBflDelivery("https://myapp.blob.core.windows.net/kept/a.jpeg?se=2030-01-01T00%3A00%3A00Z")).toBe(
      false,
    );
    expect(mayReceiveKey("https://delivery-eu1.bfl.ai/results/a.jpeg", undefined)).toBe(false);
    expect(mayReceiveKey("https://api.eu2.bfl.ai/v1/get_result?id=a", undefined)).toBe(true);
  });
});
