import { type JSX, onMount, Show, splitProps } from 'solid-js';

/** Focuses the element once it is on screen (the `autofocus` attribute only works on page load). */
export function focusOnMount(el: HTMLElement): void {
  onMount(() => queueMicrotask(() => el.focus()));
}

/**
 * Focuses a search box on devices with a mouse; on touch screens focusing would pop up the
 * keyboard over the list the person came to look at.
 */
export function focusSearchOnMount(el: HTMLElement): void {
  if (typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches) return;
  focusOnMount(el);
}

interface FieldShellProps {
  /** Text, or markup when the label names something people typed (wrap that in `<bdi>`). */
  label: JSX.Element;
  testId: string;
  error?: string | undefined;
  hint?: JSX.Element | undefined;
  children: JSX.Element;
  class?: string;
}

/**
 * A label, its control, an optional hint, and the field's error (`<testId>-error`).
 *
 * Text people typed is shown bidi-isolated everywhere: inputs and text areas get
 * `dir="auto"` (an Arabic or Hebrew name is laid out right to left inside its box and cannot
 * re-order the label or the page around it); lists and headings wrap such text in `<bdi>`.
 */
export function FieldShell(props: FieldShellProps) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children and sits inside the label.
    <label class={`field ${props.class ?? ''}`} classList={{ invalid: !!props.error }}>
      <span class="field-label">{props.label}</span>
      {props.children}
      <Show when={props.hint && !props.error}>
        <span class="field-hint">{props.hint}</span>
      </Show>
      <Show when={props.error}>
        <span class="field-error" role="alert" data-testid={`${props.testId}-error`}>
          {props.error}
        </span>
      </Show>
    </label>
  );
}

type InputAttrs = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput'>;

export interface TextFieldProps extends InputAttrs {
  label: JSX.Element;
  testId: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: JSX.Element | undefined;
  focus?: boolean;
  fieldClass?: string;
}

export function TextField(props: TextFieldProps) {
  const [own, rest] = splitProps(props, [
    'label',
    'testId',
    'value',
    'onValue',
    'error',
    'hint',
    'focus',
    'fieldClass',
    'ref',
  ]);
  return (
    <FieldShell
      label={own.label}
      testId={own.testId}
      error={own.error}
      hint={own.hint}
      class={own.fieldClass}
    >
      <input
        dir="auto"
        {...rest}
        ref={(el) => {
          if (own.focus) focusOnMount(el);
          if (typeof own.ref === 'function') (own.ref as (el: HTMLInputElement) => void)(el);
        }}
        data-testid={own.testId}
        value={own.value}
        aria-invalid={own.error ? 'true' : undefined}
        onInput={(e) => own.onValue(e.currentTarget.value)}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps {
  label: JSX.Element;
  testId: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  hint?: JSX.Element | undefined;
  fieldClass?: string;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <FieldShell
      label={props.label}
      testId={props.testId}
      error={props.error}
      hint={props.hint}
      class={props.fieldClass}
    >
      <select
        data-testid={props.testId}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface TextAreaFieldProps {
  label: JSX.Element;
  testId: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: JSX.Element | undefined;
  rows?: number;
  fieldClass?: string;
}

export function TextAreaField(props: TextAreaFieldProps) {
  return (
    <FieldShell
      label={props.label}
      testId={props.testId}
      error={props.error}
      hint={props.hint}
      class={props.fieldClass}
    >
      <textarea
        dir="auto"
        data-testid={props.testId}
        rows={props.rows ?? 3}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </FieldShell>
  );
}
