/** @jsxImportSource . */
"use client";
import { forwardRef, useEffect, useMemo, useRef, useState, type HTMLAttributes } from "react";
import { FluxValidationError, type FluxResult, type ModelId } from "@flux-kit/core";
import { FORM_MODELS } from "./formModels";
import { useFluxAllowedModels, useFluxGeneration, type UseFluxGenerationOptions } from "@flux-kit/react";
import { cx } from "./cx";
import { valueForModel, type PromptFormRequest, type PromptFormValue } from "./formValue";
import type { GenerationView } from "./generationView";
import { HistoryList, type HistoryEntry } from "./HistoryList";
import type { FluxLabels } from "./labels";
import { PromptForm } from "./PromptForm";
import { ResultViewer } from "./ResultViewer";
import { useNow } from "./useNow";

/** Props of {@link FluxStudio}. Every other `<div>` prop (`className`, `style`, `ref`) passes through. */
export interface FluxStudioProps extends Omit<HTMLAttributes<HTMLDivElement>, "defaultValue"> {
  /**
   * Initial form value; missing fields take the model's defaults.
   * @default { model: "flux-2-pro" }
   * @example <FluxStudio defaultValue={{ model: "flux-2-klein-4b" }} />
   */
  readonly defaultValue?: Partial<PromptFormValue> | undefined;
  /**
   * Models offered in the picker, as given (the proxy is not asked).
   * @default those of `FORM_MODELS` (the catalogue but FLUX 3 Image and the FLUX Tools) that the proxy allows
   * (`GET {baseUrl}/v1/models`); all of `FORM_MODELS` while that answer loads, or when the server does not say
   * @example <FluxStudio models={["flux-2-pro", "flux-2-klein-4b"]} />
   */
  readonly models?: readonly ModelId[] | undefined;
  /** The proxy's image route for downloads. @default "/api/flux/v1/image" */
  readonly imageRoute?: string | false | undefined;
  /** Called with each finished result (persist it: delivery URLs last 10 minutes). */
  readonly onResult?: ((result: FluxResult, request: PromptFormRequest) => void) | undefined;
  /** Keep a pending generation across reloads (sessionStorage) and resume it on mount. @default true */
  readonly persist?: boolean | undefined;
  /** Storage key of the persisted generation; give each studio on a page its own. @default "flux-kit:studio" */
  readonly persistKey?: string | undefined;
  /**
   * Persist each image before its delivery URL expires and return the permanent URL (passed to
   * `useFluxGeneration`): the viewer and the history then show your copy, which never turns `expired`. Not needed
   * when the proxy's `onResult` hook already returns a persisted `sample`.
   * @default undefined
   * @example <FluxStudio persistImage={async (result) => (await upload(result.url)).url} />
   */
  readonly persistImage?: UseFluxGenerationOptions<ModelId>["persistImage"];
  /** Overrides for any shown text. @default English */
  readonly labels?: Partial<FluxLabels> | undefined;
}

/**
 * A complete generation feature: `PromptForm`, `ResultViewer` and this session's history (reopen a result,
 * re-run it with the same seed). Needs a `FluxProvider` above it.
 * @example <FluxProvider baseUrl="/api/flux"><FluxStudio /></FluxProvider>
 */
export const FluxStudio = forwardRef<HTMLDivElement, FluxStudioProps>(function FluxStudio(
  {
    defaultValue,
    models: modelsProp,
    imageRoute,
    onResult,
    persist = true,
    persistKey = "flux-kit:studio",
    persistImage,
    labels,
    className,
    ...rest
  },
  ref,
) {
  // without a `models` prop, only what the proxy allows; never an empty picker
  const asked = modelsProp === undefined;
  const allowed = useFluxAllowedModels({ enabled: asked }).data;
  const models = useMemo(() => modelsProp ?? allowedFormModels(allowed), [modelsProp, allowed]);
  const [value, setValue] = useState<PromptFormValue>(() =>
    valueForModel(defaultValue?.model ?? models[0] ?? "flux-2-pro", defaultValue),
  );
  const [request, setRequest] = useState<PromptFormRequest | undefined>(undefined);
  const [history, setHistory] = useState<readonly HistoryEntry[]>([]);
  const [reopened, setReopened] = useState<HistoryEntry | undefined>(undefined);
  // the request of the latest generation (the one the hook shows), read by the history effect
  const requestRef = useRef<PromptFormRequest | undefined>(undefined);
  // the latest `onResult`, for a generation that finishes renders after its submit
  const onResultRef = useRef(onResult);
  useEffect(() => {
    onResultRef.current = onResult;
  });
  // generations already reported to: a repeated submit (same input and model) returns the same promise
  const [reported] = useState(() => new WeakSet<Promise<FluxResult>>());
  const now = useNow(reopened !== undefined, 1000);
  // once the server has said, a model it does not allow gives way to the first one it does (what still applies
  // carries over, as when the person switches; the format is the new model's own)
  useEffect(() => {
    const first = models[0];
    if (!asked || allowed === undefined || first === undefined) return;
    setValue((v) => {
      if (models.includes(v.model)) return v;
      const { outputFormat: _format, ...kept } = v;
      return valueForModel(first, kept);
    });
  }, [asked, allowed, models]);
  // every submit names its model (`generate(input, { model })`): the hook's `model` is only the fallback
  const generation = useFluxGeneration({
    model: value.model,
    persist: persist === false ? false : { key: persistKey },
    tickMs: 1000,
    persistImage,
  });

  // History follows the hook's view of the result: its `imageUrl` (a persisted copy once `persistImage` or the
  // proxy's `onResult` kept one) and its `expiresAt` (`undefined` for a copy that never expires).
  const { status, result, imageUrl, expiresAt } = generation;
  useEffect(() => {
    const request = requestRef.current;
    if (status !== "ready" || !result || !imageUrl || !request) return;
    const entry: HistoryEntry = {
      result,
      imageUrl,
      expiresAt,
      model: request.model,
      input: request.input,
      prompt: typeof request.input.prompt === "string" ? request.input.prompt : "",
    };
    setHistory((h) => {
      const old = h.find((e) => e.result.id === result.id);
      if (old && old.imageUrl === imageUrl && old.expiresAt === expiresAt) return h;
      return old ? h.map((e) => (e === old ? entry : e)) : [entry, ...h];
    });
    setReopened((r) => (r?.result.id === result.id ? entry : r));
  }, [status, result, imageUrl, expiresAt]);

  const submit = (next: PromptFormRequest) => {
    setReopened(undefined);
    setRequest(next);
    requestRef.current = next;
    // the form checked `input` against the model's schema
    const run = generation.generate(next.input, { model: next.model });
    if (reported.has(run)) return;
    reported.add(run);
    // each result with its own request, also when a later submit overtook it; failures land in `generation.error`
    run.then((result) => onResultRef.current?.(result, next)).catch(() => undefined);
  };

  const rerun = (entry: HistoryEntry) => {
    const seed = entry.result.seed ?? (typeof entry.input.seed === "number" ? entry.input.seed : undefined);
    // the form takes the prompt and model back, but not the seed: that belongs to this re-run only, and a seed
    // left behind would fix every later prompt's
    setValue((v) => valueForModel(entry.model, { ...v, prompt: entry.prompt }));
    submit({ model: entry.model, input: seed === undefined ? entry.input : { ...entry.input, seed } });
  };

  const reopenedExpiresAt =
    reopened && ("expiresAt" in reopened ? reopened.expiresAt : reopened.result.expiresAt);
  const shown: GenerationView = reopened
    ? {
        status: (reopenedExpiresAt?.getTime() ?? Infinity) <= now ? "expired" : "ready",
        result: reopened.result,
        imageUrl: reopened.imageUrl ?? reopened.result.url,
        expiresAt: reopenedExpiresAt,
        retry: () => rerun(reopened),
      }
    : generation;
  const input = reopened?.input ?? request?.input;
  const size =
    typeof input?.width === "number" && typeof input.height === "number"
      ? { width: input.width, height: input.height }
      : undefined;

  return (
    <div {...rest} ref={ref} className={cx("flux-studio", className)} data-state={shown.status}>
      <PromptForm
        className="flux-studio-form"
        value={value}
        onValueChange={setValue}
        onSubmit={submit}
        models={models}
        busy={generation.status === "submitting"}
        // a server 422 shows beside the fields too
        errors={generation.error instanceof FluxValidationError ? generation.error.fieldErrors : undefined}
        labels={labels}
      />
      <ResultViewer
        className="flux-studio-viewer"
        generation={shown}
        prompt={typeof input?.prompt === "string" ? input.prompt : undefined}
        size={size}
        imageRoute={imageRoute}
        labels={labels}
      />
      <HistoryList
        className="flux-studio-history"
        entries={history}
        selectedId={
          reopened?.result.id ?? (generation.status === "ready" ? generation.result?.id : undefined)
        }
        onSelect={setReopened}
        onRerun={rerun}
        labels={labels}
      />
    </div>
  );
});

/** `FORM_MODELS` that are in `allowed` (the same list while `allowed` is unknown), or all of them if none is. */
function allowedFormModels(allowed: readonly string[] | undefined): readonly ModelId[] {
  if (!allowed) return FORM_MODELS;
  const offered = FORM_MODELS.filter((id) => allowed.includes(id));
  return offered.length > 0 ? offered : FORM_MODELS;
}
