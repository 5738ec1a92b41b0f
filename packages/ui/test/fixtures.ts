import type { FluxResult } from "@flux-kit/core";

/** A finished result like the client returns, delivery URL on a BFL-style host. */
export function fakeResult(overrides: Partial<FluxResult> = {}): FluxResult {
  return {
    id: "task-123",
    model: "flux-2-pro",
    url: "https://delivery-eu1.bfl.ai/results/ab/cd/sample.jpeg?se=2026-11-26T14%3A10%3A00Z&sig=xyz",
    expiresAt: new Date(Date.now() + 10 * 60_000),
    seed: 42,
    prompt: "a red fox in snow",
    startTime: undefined,
    endTime: undefined,
    duration: 4.2,
    cost: 3,
    raw: {},
    ...overrides,
  };
}

/** A PNG header declaring `width`×`height` (enough for the size check; not a decodable image). */
export function pngHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

export const pngFile = (name: string, width = 64, height = 48) =>
  new File([pngHeader(width, height)], name, { type: "image/png" });
