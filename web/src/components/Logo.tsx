/** The mark: a clock face. Decorative; the name beside it is what is read. */
export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14" fill="currentColor" />
      <path className="logo__hand" d="M16 8v8l5 3" strokeWidth="3" fill="none" strokeLinecap="round" />
    </svg>
  );
}
