// The key's redaction is core's, shared with the client's error scrubbing: one algorithm for both.
export { createRedactor } from "@flux-kit/core/internal";
