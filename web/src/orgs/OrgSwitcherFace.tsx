/** What the organization button shows, the same before and after its menu has loaded: the name and a chevron. */
export function OrgSwitcherFace({ name }: { name: string | null }) {
  return (
    <>
      <span className="org-switcher__name">{name ?? "Choose an organization"}</span>
      <svg className="org-switcher__chevron" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </>
  );
}
