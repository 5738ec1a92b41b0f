import { useState } from "react";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { serializeRows, type BoxRow } from "@flux-kit/core/boxes";
import { FluxProvider, useFluxGeneration } from "@flux-kit/react";
import { LayoutEditor, type LayoutEditorProps } from "../LayoutEditor";
import { ResultViewer } from "../ResultViewer";
import { BASE_URL } from "./mockApi";

/** Props of the story harness: the editor's own, sent to FLUX 3 Image through the real hook and the mock. */
export interface LiveLayoutEditorProps extends LayoutEditorProps {
  /** Pictures the edit rows refer to (image 1 is the one the boxes are drawn over), as URLs. */
  readonly images?: readonly string[] | undefined;
}

function Live({
  images = [],
  defaultValue,
  onChange,
  caption = "",
  aspectRatio,
  ...editor
}: LiveLayoutEditorProps) {
  const generation = useFluxGeneration({ model: "flux-3-image", persist: false, tickMs: 1000 });
  const [rows, setRows] = useState<readonly BoxRow[]>(defaultValue ?? []);
  // the request as PromptForm sends it: the caption, then the rows as JSON (docs/bfl-api.md, 2026 addendum §2.8)
  const boxes = serializeRows(rows);
  const prompt = [caption.trim(), boxes].filter(Boolean).join(" ");
  const absolute = images.map((src) => new URL(src, document.baseURI).href);
  return (
    <div style={{ display: "grid", gap: 16, maxWidth: 760 }}>
      <div className="flux-form">
        <LayoutEditor
          {...editor}
          caption={caption}
          aspectRatio={aspectRatio}
          value={rows}
          onChange={(next) => {
            setRows(next);
            onChange?.(next);
          }}
        />
        <button
          type="button"
          className="flux-button"
          onClick={() => {
            const input = {
              prompt,
              ...(aspectRatio ? { aspect_ratio: aspectRatio } : {}),
              ...(absolute.length ? { images: absolute } : {}),
            };
            generation.generate(input as never).catch(() => undefined);
          }}
        >
          Generate
        </button>
      </div>
      <ResultViewer generation={generation} prompt={prompt} style={{ maxWidth: 560 }} />
    </div>
  );
}

/**
 * `LayoutEditor` as an app uses it: its rows follow the caption into a FLUX 3 Image request that the real
 * `useFluxGeneration` submits and polls, through MSW, at `@flux-kit/mock`, which draws each box's colour where
 * the box is.
 */
export function LiveLayoutEditor(props: LiveLayoutEditorProps) {
  // polls every 300 ms: the mock's runs are short, and FLUX 3's typical minute would space the first polls out
  const [client] = useState(() =>
    createFluxClient({ baseUrl: BASE_URL, poll: { policy: fixedPolling(300) } }),
  );
  return (
    <FluxProvider client={client}>
      <Live {...props} />
    </FluxProvider>
  );
}
