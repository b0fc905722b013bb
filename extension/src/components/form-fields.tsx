import { type ReactNode, useId } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  /** The problem with what was typed, shown under the field and announced. */
  error?: string | undefined;
  type?: 'text' | 'password' | 'url';
  inputMode?: 'numeric' | 'url';
  placeholder?: string;
}

/** A labelled input with its hint and its problem, tied together for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  inputMode,
  placeholder,
}: TextFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="ss-field">
      <label className="ss-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="ss-input"
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        // Keys: no autofill, no spelling service, no password manager offering to keep them.
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        {...(inputMode ? { inputMode } : {})}
        {...(placeholder ? { placeholder } : {})}
      />
      {hint ? (
        <span id={`${id}-hint`} className="ss-hint">
          {hint}
        </span>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
}

export function CheckboxField({ label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="ss-field ss-field--check">
      <span className="ss-check">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <label className="ss-label" htmlFor={id}>
          {label}
        </label>
      </span>
      {hint ? (
        <span id={`${id}-hint`} className="ss-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span id={id} className="ss-message ss-message--problem" role="alert">
      {error}
    </span>
  );
}
