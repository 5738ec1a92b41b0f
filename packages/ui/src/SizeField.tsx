/** @jsxImportSource . */
import type { SizeCapability } from "@flux-kit/core";
import { useState, type ReactNode } from "react";
import { Field, describedBy } from "./Field";
import { MATCH_INPUT, type PromptFormValue } from "./formValue";
import type { FirstLoadLabels } from "./labels";
import { visuallyHidden } from "./visuallyHidden";
import { MP, fit, megapixelSizes, nearestSize, presetsFor, sizeForRatio } from "./sizePresets";

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

/**
 * Aspect-ratio presets, plus custom width/height (dimension models) or a typed `W:H` (ratio models). Dimension
 * models also get 1/2/4 MP at the current ratio and, for a custom size, swap, a ratio lock and sides that snap
 * to the step and range on blur (the pixel cap stays an error that offers the nearest size).
 */
export function SizeField({ id, size, canMatch, value, onChange, errors, labels }: SizeFieldProps) {
  // the size whose ratio is kept while the lock is on
  const [locked, setLocked] = useState<{ width: number; height: number }>();
  if (size.kind === "none") return null;
  const dims = size.kind === "dimensions";
  const presets = [...(canMatch ? [MATCH_INPUT] : []), ...presetsFor(size), "custom"];
  const custom = value.preset === "custom";
  const match = value.preset === MATCH_INPUT;
  const choose = (preset: string) =>
    onChange({
      preset,
      ...(preset === "custom" || preset === MATCH_INPUT
        ? {}
        : dims
          ? sizeForRatio(size, preset)
          : { aspectRatio: preset }),
    });
  // one sentence per problem: the pixel cap is one problem of both sides
  const sizeError = dims
    ? [...new Set([errors.width, errors.height].filter(Boolean))].join(" ") || undefined
    : errors.aspect_ratio;
  const nearest = sizeError && dims ? nearestSize(size, value.width, value.height) : undefined;
  const offer =
    nearest && (nearest.width !== value.width || nearest.height !== value.height) ? nearest : undefined;
  // none at a ratio the model can only make smaller (a 21:9 that stops at 1440 px a side)
  const megapixels = dims && !match ? megapixelSizes(size, value.width, value.height) : [];
  const radio = (
    group: string,
    key: string | number,
    checked: boolean,
    pick: () => void,
    children: ReactNode,
  ) => (
    <label key={key} className="flux-preset" data-state={checked ? "checked" : "unchecked"}>
      <input
        type="radio"
        style={visuallyHidden}
        name={`${id}-${group}`}
        value={key}
        checked={checked}
        onChange={pick}
      />
      {children}
    </label>
  );
  const summary = match
    ? labels.matchInputHint
    : dims
      ? `${value.width} × ${value.height}`
      : value.aspectRatio;

  return (
    <Field
      id={`${id}-size`}
      name={dims ? "size" : "aspect_ratio"}
      label={dims ? labels.size : labels.aspectRatio}
      error={sizeError}
      group
    >
      <div className="flux-presets" role="radiogroup" aria-label={labels.aspectRatio}>
        {presets.map((preset) => {
          const [w = 1, h = 1] = preset.split(":").map(Number);
          const shape = w >= h ? { width: 16, height: (16 * h) / w } : { width: (14 * w) / h, height: 14 };
          return radio(
            "preset",
            preset,
            value.preset === preset,
            () => choose(preset),
            <>
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
            </>,
          );
        })}
      </div>
      {megapixels[0] ? (
        <div className="flux-presets" role="radiogroup" aria-label={labels.megapixels}>
          {megapixels.map(([mp, at]) =>
            radio(
              "mp",
              mp,
              at.width === value.width && at.height === value.height,
              () => onChange(at),
              <span>
                {labels.megapixelCount(mp)}
                <span style={visuallyHidden}>{` (${at.width} × ${at.height})`}</span>
              </span>,
            ),
          )}
        </div>
      ) : null}
      {custom && dims ? (
        <p className="flux-field-hint" id={`${id}-size-rules`}>
          {labels.sizeRules(
            size.width.step ?? 1,
            size.width.min,
            size.width.max,
            size.maxPixels && size.maxPixels / MP,
          )}
        </p>
      ) : null}
      {offer ? (
        <button
          type="button"
          className="flux-button"
          data-variant="secondary"
          onClick={() => onChange(offer)}
        >
          {labels.useSize(offer.width, offer.height)}
        </button>
      ) : null}
      {custom && dims ? (
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
                onChange={(e) => {
                  const v = e.currentTarget.valueAsNumber;
                  const other = side === "width" ? "height" : "width";
                  onChange(
                    locked && v
                      ? { [side]: v, [other]: fit((v * locked[other]) / locked[side], size[other]) }
                      : { [side]: v },
                  );
                }}
                onBlur={() => {
                  const snapped = fit(value[side], size[side]);
                  // an empty side (NaN) stays empty, for its error to say so
                  if (snapped && snapped !== value[side]) onChange({ [side]: snapped });
                }}
              />
            </div>
          ))}
          <button
            type="button"
            className="flux-button"
            data-variant="secondary"
            onClick={() => {
              const swapped = nearestSize(size, value.height, value.width);
              onChange(swapped);
              if (locked) setLocked(swapped);
            }}
          >
            {labels.swapSides}
          </button>
          <button
            type="button"
            className="flux-button"
            data-variant="secondary"
            aria-pressed={!!locked}
            onClick={() => setLocked(locked ? undefined : nearestSize(size, value.width, value.height))}
          >
            {labels.lockRatio}
          </button>
        </div>
      ) : null}
      {custom && !dims ? (
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
