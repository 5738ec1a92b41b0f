import { useEffect, useRef, useState } from "react";
import { createFluxClient, type FluxClientOptions, type ModelId } from "@flux-kit/core";
import { FluxProvider, useFluxGeneration, type UseFluxGenerationOptions } from "@flux-kit/react";
import { ResultViewer, type ResultViewerProps } from "../ResultViewer";
import { BASE_URL } from "./mockApi";

/** Props of the story harness: a real `useFluxGeneration` against the mock, started on mount. */
export interface LiveResultViewerProps extends Omit<ResultViewerProps, "generation"> {
  readonly model: ModelId;
  readonly input: Record<string, unknown>;
  /** Client options (e.g. `retry: false` so failures show at once). */
  readonly client?: FluxClientOptions;
  readonly hook?: Partial<UseFluxGenerationOptions>;
  /** Start the generation on mount. @default true */
  readonly start?: boolean;
}

function Live({ model, input, hook, start = true, ...viewer }: Omit<LiveResultViewerProps, "client">) {
  const generation = useFluxGeneration({ model, persist: false, tickMs: 1000, ...hook });
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !start) return;
    started.current = true;
    generation.generate(input as never).catch(() => undefined);
  });
  const size =
    typeof input.width === "number" && typeof input.height === "number"
      ? { width: input.width, height: input.height }
      : undefined;
  return (
    <ResultViewer
      generation={generation}
      prompt={typeof input.prompt === "string" ? input.prompt : undefined}
      size={size}
      style={{ maxWidth: 560 }}
      {...viewer}
    />
  );
}

/** `ResultViewer` driven by the real hook: every request goes through MSW to the mock. */
export function LiveResultViewer({ client, ...rest }: LiveResultViewerProps) {
  const [fluxClient] = useState(() => createFluxClient({ baseUrl: BASE_URL, ...client }));
  return (
    <FluxProvider client={fluxClient}>
      <Live {...rest} />
    </FluxProvider>
  );
}
