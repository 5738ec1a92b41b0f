/** @jsxImportSource . */
"use client";
import {
  forwardRef,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type FormHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { getModelInfo, type FluxFieldError, type ModelId } from "@flux-kit/core";
import { FORM_MODELS } from "./formModels";
import { toFieldErrors } from "@flux-kit/core/internal";
import { lazyPart } from "./lazyPart";
import { cx } from "./cx";
import { Field, describedBy } from "./Field";
import {
  buildInput,
  canMatchInput,
  droppedOnSwitch,
  maxImages,
  followReferences,
  valueForModel,
  type DroppedOnSwitch,
  type PromptFormRequest,
  type PromptFormValue,
} from "./formValue";
import { ImageInput, addFiles, useLatestImages } from "./ImageInput";
import { loadValidator, useValidator, type Validate } from "./loadValidator";
import { countShown, explainFieldErrors } from "./fieldMessages";
import { firstLoadLabels, type FluxLabels } from "./labels";
import { ModelSelect } from "./ModelSelect";
import { SizeField } from "./SizeField";
import { useControllableState } from "./useControllableState";
import { useHydrated } from "./useHydrated";

/**
 * The Advanced panel's fields (each model's own: steps, guidance, …): their own chunk, loaded as the form mounts,
 * so the first load carries only what is shown closed.
 */
const Advanced = /* @__PURE__ */ lazyPart(() => import("./AdvancedFields").then((m) => m.AdvancedFields));
export const preloadAdvancedFields = Advanced.preload;
/** The mask painter, for models that take a mask (FLUX.1 Fill): its own chunk, loaded once it is offered. */
const Mask = /* @__PURE__ */ lazyPart(() => import("./MaskPainter").then((m) => m.MaskPainter));
/** FLUX 3 Image's fields (references, tiers, the layout editor): its own chunk, loaded once FLUX 3 is picked. */
const Flux3 = /* @__PURE__ */ lazyPart(() => import("./Flux3Fields").then((m) => m.Flux3Fields));
/** The request's price in the Generate button, with the price table: its own chunk, loaded as the form mounts. */
const Cost = /* @__PURE__ */ lazyPart(() => import("./CostHint").then((m) => m.CostHint));

/** Props of {@link PromptForm}. Every other `<form>` prop (`className`, `style`, `ref`, `aria-*`) passes through. */
export interface PromptFormProps extends Omit<
  FormHTMLAttributes<HTMLFormElement>,
  "onSubmit" | "defaultValue" | "onChange"
> {
  /**
   * Called with the model and its request body once the local schema check passes. Nothing is sent otherwise
   * (the checks load on demand; in the rare case they cannot load, the server's check decides).
   * @example <PromptForm onSubmit={({ model, input }) => generate(input, { model })} />
   */
  readonly onSubmit: (request: PromptFormRequest) => void;
  /** The form's value, for controlled use (with `onValueChange`). @default uncontrolled */
  readonly value?: PromptFormValue | undefined;
  /**
   * Initial value for uncontrolled use; missing fields take the model's defaults.
   * @default { model: "flux-2-pro" }
   * @example <PromptForm defaultValue={{ model: "flux-kontext-pro", prompt: "make it night" }} />
   */
  readonly defaultValue?: Partial<PromptFormValue> | undefined;
  /** Called on every change, with the whole value. */
  readonly onValueChange?: ((value: PromptFormValue) => void) | undefined;
  /** Models offered in the picker, in order. @default `FORM_MODELS`: the catalogue but FLUX 3 Image and the FLUX Tools */
  readonly models?: readonly ModelId[] | undefined;
  /** Disables submitting and shows the busy label (while a generation is being submitted). @default false */
  readonly busy?: boolean | undefined;
  /**
   * More controls in the row of the Generate button (`FluxStudio` puts its number of images there).
   * @example <PromptForm actions={<label>Images <select>…</select></label>} onSubmit={…} />
   */
  readonly actions?: ReactNode;
  /** Field errors from elsewhere (a server 422's `FluxValidationError.fieldErrors`), shown beside the fields. */
  readonly errors?: readonly FluxFieldError[] | undefined;
  /** Overrides for any shown text. @default English */
  readonly labels?: Partial<FluxLabels> | undefined;
}

/**
 * The control to focus after a failed submit: in reading order, the first invalid field's own invalid control
 * (`aria-invalid`, e.g. Width rather than the size presets before it), else its checked radio, else its first
 * enabled control. Never a control inside a closed `<details>`.
 */
function firstInvalidControl(form: HTMLFormElement): HTMLElement | undefined {
  const CONTROLS = "input:not([type=hidden]):not([type=radio]), textarea, select, button";
  const usable = (el: HTMLElement | null): el is HTMLElement =>
    !!el && !el.matches(":disabled") && !el.closest("details:not([open])");
  for (const node of form.querySelectorAll<HTMLElement>("[data-invalid], [aria-invalid='true']")) {
    if (!node.matches("[data-invalid]")) {
      if (usable(node)) return node;
      continue;
    }
    const candidates = [
      ...node.querySelectorAll<HTMLElement>("[aria-invalid='true']"),
      node.querySelector<HTMLElement>("input[type=radio]:checked"),
      ...node.querySelectorAll<HTMLElement>(CONTROLS),
      node.querySelector<HTMLElement>("input[type=radio]"),
    ];
    const found = candidates.find(usable);
    if (found) return found;
  }
  return undefined;
}

/**
 * The generation form: prompt, model, size, reference images and the model's own settings, generated from
 * core's catalogue and checked against its schemas before `onSubmit` is called. Cmd/Ctrl+Enter submits.
 * @example <PromptForm onSubmit={({ model, input }) => client.generate(model, input)} />
 */
export const PromptForm = /* @__PURE__ */ forwardRef<HTMLFormElement, PromptFormProps>(function PromptForm(
  {
    onSubmit,
    value: valueProp,
    defaultValue,
    onValueChange,
    models = FORM_MODELS,
    busy = false,
    actions,
    errors: external,
    labels: labelsProp,
    className,
    onKeyDown,
    onPaste,
    ...rest
  },
  forwardedRef,
) {
  const labels = firstLoadLabels(labelsProp);
  const hydrated = useHydrated();
  const id = useId().replace(/:/g, "");
  const formRef = useRef<HTMLFormElement | null>(null);
  const promptRef = useRef<HTMLTextAreaElement | null>(null);
  const [value, setValue] = useControllableState<PromptFormValue>(
    valueProp,
    () => valueForModel(defaultValue?.model ?? models[0] ?? "flux-2-pro", defaultValue),
    onValueChange,
  );
  const [attempted, setAttempted] = useState(false);
  const [dismissed, setDismissed] = useState<readonly FluxFieldError[] | undefined>(undefined);
  const model = getModelInfo(value.model);
  const c = model.capabilities;
  const flux3 = model.family === "flux-3";
  // FLUX 3's layout: what core's box checks found, reported by the layout editor (nothing is sent while any remain)
  const [layoutErrors, setLayoutErrors] = useState(0);
  const badLayout = flux3 && (value.boxes?.length ?? 0) > 0 && layoutErrors > 0;
  const imageCount = maxImages(c);
  // the schemas load on demand (they are most of the catalogue's weight); until then only the form's own rules apply
  const checks = useValidator();
  const validate = checks?.validate;
  // submits made before the checks arrived, sent (or refused) in order once they do
  const waiting = useRef<PromptFormValue[]>([]);
  const advancedRef = useRef<HTMLDetailsElement | null>(null);
  const revealAdvancedErrors = () => {
    const panel = advancedRef.current;
    if (panel && !panel.open && panel.querySelector('[aria-invalid="true"]')) panel.open = true;
  };
  // a server's field errors arriving: the same rule
  useEffect(() => {
    if (external?.length) revealAdvancedErrors();
  }, [external]);

  const localErrors = useMemo(() => {
    if (!attempted) return {};
    const result = validate?.(value.model, buildInput(value));
    const fieldErrors = result && !result.success ? toFieldErrors(result.issues) : [];
    const out = explainFieldErrors(fieldErrors, c, value, labels, checks?.explain);
    if (c.imageRequired && value.images.length === 0)
      out[c.imageFields[0] ?? "input_image"] = labels.imageRequired;
    return out;
  }, [attempted, value, c, labels, validate, checks]);
  // errors passed in apply until the value changes
  const errors = {
    ...(external && external !== dismissed
      ? explainFieldErrors(external, c, value, labels, checks?.explain)
      : {}),
    ...localErrors,
  };
  const imageError =
    c.imageFields
      .map((f) => errors[f])
      .filter(Boolean)
      .join(" ") || undefined;
  const errorCount = countShown(errors) + (attempted && badLayout ? 1 : 0);

  const update = (patch: Partial<PromptFormValue>) => {
    setDismissed(external);
    setValue((prev) => followReferences(prev, { ...prev, ...patch }));
  };
  // A prompt typed into the server-rendered form before hydration is in the DOM, not in the state: adopt it
  // before hydration's re-render (useHydrated's) writes the state's value over it. (Later, React keeps the DOM
  // equal to the state, so this finds nothing to adopt.)
  useEffect(() => {
    const typed = promptRef.current?.value;
    if (typed) setValue((prev) => (prev.prompt ? prev : { ...prev, prompt: typed }));
  }, [setValue]);
  // what the last model switch could not keep, said beside the picker until the next switch
  const [dropped, setDropped] = useState<{ model: ModelId; dropped: DroppedOnSwitch } | undefined>(undefined);
  // what still applies carries over (prompt, seed, ratio, images up to the new count, settings in range)
  const changeModel = (next: ModelId) => {
    // the format is the new model's default (each model has its own), not the last model's
    const { outputFormat: _format, ...kept } = value;
    const after = valueForModel(next, kept);
    const lost = droppedOnSwitch(value, after);
    setDropped(lost.images > 0 || lost.reset.length > 0 ? { model: next, dropped: lost } : undefined);
    setValue(after);
  };

  /** Sends `submitted` if it passes the checks (none when they could not be loaded: the server's then decide). */
  const submitChecked = (check: Validate | undefined, submitted: PromptFormValue) => {
    const input = buildInput(submitted);
    const passes = check ? check(submitted.model, input).success : true;
    const missingImage = c.imageRequired && submitted.images.length === 0;
    if (passes && !missingImage && !badLayout) {
      setAttempted(false);
      const caption = submitted.prompt.trim();
      onSubmit(
        c.prompt !== false && input.prompt !== caption
          ? { model: submitted.model, input, caption }
          : { model: submitted.model, input },
      );
      return;
    }
    // once the errors have rendered: open the Advanced panel if one is inside it, focus the first invalid control
    requestAnimationFrame(() => {
      if (!formRef.current) return;
      revealAdvancedErrors();
      firstInvalidControl(formRef.current)?.focus();
    });
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    if (validate) return submitChecked(validate, value);
    // submitted before the checks arrived: each new request waits for them, in order (none is dropped), then
    // decides; pressing Generate again on the same form adds nothing (one request, paid once)
    if (waiting.current.at(-1) === value) return;
    waiting.current.push(value);
    if (waiting.current.length > 1) return;
    void loadValidator()
      .then(
        (loadedChecks) => loadedChecks.validate,
        () => undefined,
      )
      .then((check) => {
        for (const submitted of waiting.current.splice(0))
          if (formRef.current) submitChecked(check, submitted);
      });
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    onKeyDown?.(event);
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && !event.defaultPrevented) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const latestImagesRef = useLatestImages(value.images);
  const handlePaste = (event: ClipboardEvent<HTMLFormElement>) => {
    onPaste?.(event);
    const files = Array.from(event.clipboardData.files).filter((f) => f.type.startsWith("image/"));
    if (files.length === 0 || imageCount === 0) return;
    event.preventDefault();
    void addFiles(files, () => latestImagesRef.current, imageCount, labels).then((r) => {
      latestImagesRef.current = r.images;
      update({ images: r.images });
    });
  };

  return (
    <form
      {...rest}
      ref={(node) => {
        formRef.current = node;
        if (typeof forwardedRef === "function") forwardedRef(node);
        else if (forwardedRef) forwardedRef.current = node;
      }}
      className={cx("flux-form", className)}
      data-state={busy ? "submitting" : errorCount ? "invalid" : "idle"}
      noValidate
      onSubmit={handleSubmit}
      onKeyDown={handleKeyDown}
      onPaste={handlePaste}
    >
      {/* a request without a prompt (erase, deblur: an image, and a mask) has no prompt field */}
      {c.prompt === false ? null : (
        <Field
          id={`${id}-prompt`}
          name="prompt"
          label={labels.prompt}
          hint={labels.characters(value.prompt.length)}
          error={errors.prompt}
        >
          <textarea
            ref={promptRef}
            id={`${id}-prompt`}
            className="flux-textarea"
            name="prompt"
            rows={4}
            placeholder={labels.promptPlaceholder}
            value={value.prompt}
            aria-invalid={errors.prompt ? true : undefined}
            aria-describedby={describedBy(`${id}-prompt`, true, errors.prompt)}
            onChange={(e) => update({ prompt: e.currentTarget.value })}
          />
        </Field>
      )}
      <ModelSelect
        id={`${id}-model`}
        models={models}
        value={value.model}
        onChange={changeModel}
        labels={labels}
      />
      <p className="flux-field-hint flux-switch-note" role="status">
        {dropped && dropped.model === value.model
          ? labels.droppedOnSwitch(model.label, dropped.dropped.images, dropped.dropped.reset)
          : null}
      </p>
      {flux3 ? (
        <Flux3.Part
          fallback={null}
          id={id}
          value={value}
          onChange={update}
          errors={errors}
          labels={labels}
          disabled={busy}
          promptRef={promptRef}
          onLayoutErrors={setLayoutErrors}
          attempted={attempted}
        />
      ) : c.imageFields.length > 0 ? (
        <ImageInput
          id={`${id}-images`}
          name="input_image"
          legend={labels.referenceImages(c.imageFields.length)}
          images={value.images}
          max={c.imageFields.length}
          labels={labels}
          error={imageError}
          disabled={busy}
          onChange={(images) => update({ images })}
        />
      ) : null}
      {c.mask && value.images[0] ? (
        <Mask.Part
          fallback={null}
          image={value.images[0]}
          mask={value.extraImages.mask}
          onChange={(mask) => update({ extraImages: { ...value.extraImages, mask } })}
          labels={labels}
          disabled={busy}
          error={errors.mask}
        />
      ) : null}
      {flux3 ? null : (
        <SizeField
          id={id}
          size={c.size}
          canMatch={canMatchInput(c) && value.images.length > 0}
          value={value}
          onChange={update}
          errors={errors}
          labels={labels}
        />
      )}
      {/* opened by the person, or by a failed submit whose error is inside; never closed for them */}
      <details className="flux-advanced" ref={advancedRef}>
        <summary>{labels.advanced}</summary>
        <Advanced.Part
          fallback={null}
          id={id}
          capabilities={c}
          value={value}
          onChange={update}
          errors={errors}
          labels={labels}
          disabled={busy}
        />
      </details>
      <div className="flux-actions">
        {errorCount > 0 ? (
          <p className="flux-form-error" role="alert">
            {labels.formHasErrors(errorCount)}
          </p>
        ) : null}
        <button
          type="submit"
          className="flux-button"
          data-variant="primary"
          aria-disabled={busy || undefined}
          // in server HTML before its script runs, a press would submit the form natively (the page reloads
          // with the prompt in its URL); hydration enables it
          disabled={!hydrated}
          aria-describedby={`${id}-cost`}
        >
          {busy ? labels.submitting : labels.submit}
        </button>
        {/* the button keeps its name; the price describes it */}
        <Cost.Part fallback={null} id={`${id}-cost`} value={value} labels={labels} />
        {actions}
        <span className="flux-field-hint">{labels.submitHint}</span>
      </div>
    </form>
  );
});
