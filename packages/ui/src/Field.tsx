/** @jsxImportSource . */
import type { ReactNode } from "react";

/** Props of the label + control + hint + error wrapper every form field uses. */
export interface FieldProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly name: string;
  readonly hint?: ReactNode | undefined;
  readonly error?: string | undefined;
  readonly children: ReactNode;
  /** Render the label as a `<legend>` of a `<fieldset>` (groups of controls). */
  readonly group?: boolean;
}

/** ids a control should reference in `aria-describedby` */
export const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

/** Label, control, hint and inline error, with `data-invalid` for styling. */
export function Field({ id, label, name, hint, error, children, group = false }: FieldProps) {
  const tail = (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="flux-field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="flux-field-error" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </>
  );
  if (group) {
    return (
      <fieldset className="flux-field" data-field={name} data-invalid={error ? "" : undefined}>
        <legend className="flux-label">{label}</legend>
        {children}
        {tail}
      </fieldset>
    );
  }
  return (
    <div className="flux-field" data-field={name} data-invalid={error ? "" : undefined}>
      <label className="flux-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {tail}
    </div>
  );
}
