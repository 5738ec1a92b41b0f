/** @jsxImportSource . */
import type { SizeCapability } from "@flux-kit/core";
import { Field, describedBy } from "./Field";
import { MATCH_INPUT, type PromptFormValue } from "./formValue";
import type { FirstLoadLabels } from "./labels";
import { visuallyHidden } from "./visuallyHidden";
import { nearestSize, presetsFor, sizeForRatio } from "./sizePresets";

/** Props of `SizeField`. */
export interface SizeFieldProps {
  readonly id: string;
  readonly size: SizeCapability;
  /** Offer "match input" (no size sent): the model takes reference images and one is given. */
  readonly canMatch?: boolean | undefined;
  readonly value: PromptFormValue;
  readonly onChange: (patch: Partial<PromptFormValue>) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly labels: FirstLoadLabels;
}

/** Aspect-ratio presets, plus custom width/height (dimension models) or a typed `W:H` (ratio models). */
export function SizeField({ id, size, canMatch, value, onChange, errors, labels }: SizeFieldProps) {
  if (size.kind === "none") return null;
  const presets = canMatch ? [MATCH_INPUT, ...presetsFor(size)] : presetsFor(size);
  const custom = value.preset === "custom";
  const match = value.preset === MATCH_INPUT;
  const choose = (preset: string) => {
    if (preset === "custom" || preset === MATCH_INPUT) return onChange({ preset });
    if (size.kind === "dimensions") onChange({ preset, ...sizeForRatio(size, preset) });
    else onChange({ preset, aspectRatio: preset });
  };
  // one sentence per problem: the pixel cap is one problem of both sides
  const sizeError =
    size.kind === "dimensions"
      ? [...new Set([errors.width, errors.height].filter(Boolean))].join(" ") || undefined
      : errors.aspect_ratio;
  const nearest =
    sizeError && size.kind === "dimensions" ? nearestSize(size, value.width, value.height) : undefined;
  const offer =
    nearest && (nearest.width !== value.width || nearest.height !== value.height) ? nearest : undefined;
  const summary = match
    ? labels.matchInputHint
    : size.kind === "dimensions"
      ? `${value.width} × ${value.height}`
      : value.aspectRatio;

  return (
    <Field
      id={`${id}-size`}
      name={size.kind === "dimensions" ? "size" : "aspect_ratio"}
      label={size.kind === "dimensions" ? labels.size : labels.aspectRatio}
      error={sizeError}
      group
    >
      <div className="flux-presets" role="radiogroup" aria-label={labels.aspectRatio}>
        {[...presets, "custom"].map((preset) => {
          const checked = value.preset === preset;
          const [w = 1, h = 1] = preset.split(":").map(Number);
          const shape = w >= h ? { width: 16, height: (16 * h) / w } : { width: (14 * w) / h, height: 14 };
          return (
            <label key={preset} className="flux-preset" data-state={checked ? "checked" : "unchecked"}>
              <input
                type="radio"
                style={visuallyHidden}
                name={`${id}-preset`}
                value={preset}
                checked={checked}
                onChange={() => choose(preset)}
              />
              {preset !== "custom" && preset !== MATCH_INPUT ? (
                <span className="flux-preset-shape" aria-hidden="true" style={shape} />
              ) : null}
              <span>
                {preset === "custom"
                  ? labels.customSize
                  : preset === MATCH_INPUT
                    ? labels.matchInput
                    : preset}
              </span>
            </label>
          );
        })}
      </div>
      {custom && size.kind === "dimensions" ? (
        <p className="flux-field-hint" id={`${id}-size-rules`}>
          {labels.sizeRules(
            size.width.step ?? 1,
            size.width.min,
            size.width.max,
            size.maxPixels === undefined ? undefined : size.maxPixels / 1_048_576,
          )}
        </p>
      ) : null}
      {offer ? (
        <button
          type="button"
          className="flux-button"
          data-variant="secondary"
          onClick={() => onChange({ width: offer.width, height: offer.height })}
        >
          {labels.useSize(offer.width, offer.height)}
        </button>
      ) : null}
      {custom && size.kind === "dimensions" ? (
        <div className="flux-row">
          {(["width", "height"] as const).map((side) => (
            <div className="flux-subfield" key={side}>
              <label className="flux-label" htmlFor={`${id}-${side}`}>
                {labels[side]}
              </label>
              <input
                id={`${id}-${side}`}
                className="flux-input"
                type="number"
                inputMode="numeric"
                min={size[side].min}
                max={size[side].max}
                step={size[side].step ?? 1}
                value={Number.isNaN(value[side]) ? "" : value[side]}
                aria-invalid={errors[side] ? true : undefined}
                aria-describedby={[describedBy(`${id}-size`, false, sizeError), `${id}-size-rules`]
                  .filter(Boolean)
                  .join(" ")}
                onChange={(e) => onChange({ [side]: e.currentTarget.valueAsNumber })}
              />
            </div>
          ))}
        </div>
      ) : null}
      {custom && size.kind === "aspect_ratio" ? (
        <div className="flux-subfield">
          <label className="flux-label" htmlFor={`${id}-aspect_ratio`}>
            {labels.aspectRatio} (W:H, {size.tallest} – {size.widest})
          </label>
          <input
            id={`${id}-aspect_ratio`}
            className="flux-input"
            type="text"
            value={value.aspectRatio}
            aria-invalid={errors.aspect_ratio ? true : undefined}
            aria-describedby={describedBy(`${id}-size`, false, sizeError)}
            onChange={(e) => onChange({ aspectRatio: e.currentTarget.value })}
          />
        </div>
      ) : null}
      {!custom ? <p className="flux-field-hint">{summary}</p> : null}
    </Field>
  );
}
