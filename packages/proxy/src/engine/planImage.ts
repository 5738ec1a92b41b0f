import type { EngineContext } from "./context";
import { isAllowedDeliveryOrigin, parseFetchableUrl } from "./hosts";
import { detail } from "./responses";
import { upstreamFailure } from "./upstreamAnswers";
import type { IncomingMeta, Plan } from "./types";

const IMAGE_TYPE = /^image\/[a-z0-9.+-]+$/i;
const ETAG = /^(W\/)?"[\x21\x23-\x7e]{0,200}"$/;

/** The delivery URL's `se=` expiry (Azure SAS), if it has one that parses. */
function expiry(url: URL): number | undefined {
  const se = url.searchParams.get("se");
  if (se === null) return undefined;
  const at = Date.parse(se);
  return Number.isFinite(at) ? at : undefined;
}

/**
 * `GET /v1/image?u=<delivery url>`: streams an image from an allowlisted delivery host (no key sent), with its
 * `Content-Type` and caching headers. Foreign hosts get 403; expired URLs 410.
 */
export function planImage(ctx: EngineContext, meta: IncomingMeta): Plan {
  const { config } = ctx;
  const image = config.imageProxy;
  if (!image) return { type: "respond", response: detail(404, "Not Found") };
  const raw = new URLSearchParams(meta.query).get("u");
  if (raw === null || raw === "") {
    return { type: "respond", response: detail(400, "Missing `u`: pass the image URL from result.sample.") };
  }
  const url = parseFetchableUrl(raw);
  if (!url || !isAllowedDeliveryOrigin(url, image.extraOrigins)) {
    ctx.log("warn", "refused", { reason: "image_host", host: url?.host });
    return {
      type: "respond",
      response: detail(
        403,
        "This URL is not on a BFL delivery host the proxy allows; only result images can be fetched.",
      ),
    };
  }
  const expiresAt = expiry(url);
  const now = Date.now();
  if (expiresAt !== undefined && expiresAt <= now) {
    return {
      type: "respond",
      response: detail(
        410,
        `This image URL expired at ${new Date(expiresAt).toISOString()} (BFL keeps results for 10 minutes). Generate again, or persist images in onResult.`,
      ),
    };
  }
  const maxAge = Math.max(
    0,
    Math.min(image.maxAgeSeconds, expiresAt === undefined ? Infinity : Math.floor((expiresAt - now) / 1000)),
  );

  return {
    type: "image",
    head: meta.method === "HEAD",
    // `identity`: the bytes as stored, on every transport (a Web runtime's fetch asks for gzip and decodes it)
    call: { method: "GET", url: url.href, headers: { accept: "image/*", "accept-encoding": "identity" } },
    accept(status, header) {
      if (status === 200) {
        const type = header("content-type")?.split(";")[0]?.trim();
        const headers: Record<string, string> = {
          "content-type": type !== undefined && IMAGE_TYPE.test(type) ? type : "application/octet-stream",
          "cache-control": `private, max-age=${maxAge}`,
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'",
        };
        // the length of an answer sent compressed all the same counts bytes a Web runtime's fetch has decoded
        const length = header("content-length");
        const encoding = header("content-encoding")?.trim().toLowerCase();
        if (length !== undefined && /^\d{1,15}$/.test(length) && (!encoding || encoding === "identity"))
          headers["content-length"] = length;
        const etag = header("etag");
        if (etag !== undefined && ETAG.test(etag)) headers.etag = etag;
        const modified = header("last-modified");
        if (modified !== undefined && Number.isFinite(Date.parse(modified)))
          headers["last-modified"] = modified;
        return { stream: true, status: 200, headers };
      }
      if (status >= 300 && status < 400) {
        return detail(502, "The delivery host answered with a redirect, which the proxy does not follow.");
      }
      if (status === 403 || status === 404 || status === 410) {
        return detail(
          status,
          `The delivery host refused the image (${status}): the URL has probably expired (BFL keeps results for 10 minutes).`,
        );
      }
      return detail(status >= 400 && status < 600 ? status : 502, `The delivery host answered ${status}.`);
    },
    fail: (failure, error) => upstreamFailure(ctx, "image", failure, error),
  };
}
