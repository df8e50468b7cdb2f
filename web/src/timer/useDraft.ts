import { useReducer, useRef, useState } from "react";

type Values = Record<string, string | boolean>;

/**
 * The fields of the timer bar and of My time's rows, as the person is changing them: what they show, which ones the
 * person changed (so a refetch does not undo their typing), and the error under each. These two forms are on the timer
 * page's first load, where react-hook-form would cost 14.5 KB gzipped for this much; the other forms keep using it.
 * The values live in a ref as well as in the rendering, so a handler reads what the previous one just set.
 */
export function useDraft<V extends Values>(initial: V) {
  const base = useRef(initial);
  const values = useRef(initial);
  const changed = useRef(new Set<keyof V>());
  const [errors, setErrors] = useState<Partial<Record<keyof V, string>>>({});
  const [, rendered] = useReducer((n: number) => n + 1, 0);

  // One set of functions for the component's life, so effects may depend on them.
  const [actions] = useState(() => {
    const set = <K extends keyof V>(name: K, value: V[K], { byPerson = true } = {}) => {
      values.current = { ...values.current, [name]: value };
      if (byPerson) changed.current.add(name);
      rendered();
    };
    const clearError = (name: keyof V) => setErrors(({ [name]: _, ...rest }) => rest as Partial<Record<keyof V, string>>);
    return {
      get: () => values.current,
      set,
      /** Whether the person changed the field since the last reset (setting it for them does not count). */
      isChanged: (name: keyof V) => changed.current.has(name),
      /**
       * Shows new values. With `keepChanged`, a field the person changed keeps what they typed, unless it now matches
       * (their change was saved).
       */
      reset(next: V, { keepChanged = false } = {}) {
        const shown = { ...next };
        for (const name of [...changed.current]) {
          if (keepChanged && values.current[name] !== next[name]) shown[name] = values.current[name];
          else changed.current.delete(name);
        }
        base.current = next;
        values.current = shown;
        rendered();
      },
      /** Puts one field back to what it showed at the last reset, without its error. */
      undo(name: keyof V) {
        values.current = { ...values.current, [name]: base.current[name] };
        changed.current.delete(name);
        clearError(name);
        rendered();
      },
      setError: (name: keyof V, message: string) => setErrors((now) => ({ ...now, [name]: message })),
      clearError,
      /** A text field's or select's value and change handler. */
      text: <K extends keyof V>(name: K) => ({
        value: values.current[name] as string,
        onChange: (event: { target: { value: string } }) => set(name, event.target.value as V[K]),
      }),
    };
  });
  /** What the fields hold now, and the error under each. */
  return { ...actions, values: values.current, errors };
}
