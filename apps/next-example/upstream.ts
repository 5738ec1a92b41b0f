// upstream.ts
// Where the proxy sends requests, read from the server's environment when it starts (never at build time).
// Unset, it is BFL's global API. BFL_REGION=eu|us pins a region; the tests set FLUX_UPSTREAM to @flux-kit/mock,
// with the mock's polling and delivery origins (comma-separated) in FLUX_POLLING_ORIGINS and FLUX_DELIVERY_ORIGINS.
import type { FluxProxyOptions } from "@flux-kit/proxy/next";

type UpstreamOptions = Pick<FluxProxyOptions, "upstream" | "allowedPollingOrigins" | "imageProxy">;

export function upstreamFromEnv(env: Record<string, string | undefined> = process.env): UpstreamOptions {
  const list = (value: string | undefined) => value?.split(",").filter(Boolean) ?? [];
  const upstream = env.FLUX_UPSTREAM || env.BFL_REGION;
  return {
    ...(upstream && { upstream }),
    allowedPollingOrigins: list(env.FLUX_POLLING_ORIGINS),
    imageProxy: { allowedOrigins: list(env.FLUX_DELIVERY_ORIGINS) },
  };
}
