import { useQuery } from "@tanstack/react-query";
import { lazy, startTransition, Suspense, useState } from "react";
import { OrgSwitcherFace } from "./OrgSwitcherFace";
import { organizationsQuery } from "./organizations";

// The menu (Radix, with its positioning) weighs more than the rest of the shell: the timer page must not wait for it,
// so it loads when the person reaches for the button (a pointer over it, the focus on it, a click), not before.
const OrgMenu = lazy(() => import("./OrgMenu"));

interface Wanted {
  open: boolean;
  focus: boolean;
}

/**
 * The header's organization switcher. Until its menu has loaded, a button that looks the same stands in; reaching
 * for it loads the menu in a transition, so the stand-in (and its focus) stays until the menu can replace it.
 */
export function OrgSwitcher({ currentId }: { currentId: number | null }) {
  const organizations = useQuery(organizationsQuery);
  const [wanted, setWanted] = useState<Wanted | null>(null);
  const list = organizations.data ?? [];
  // Someone with no organization yet is on the page that creates one: a menu with nothing to choose would be noise.
  if (list.length === 0) return null;
  const current = list.find((organization) => organization.id === currentId) ?? null;

  const want = (next: Wanted) => startTransition(() => setWanted((before) => (before?.open ? before : next)));
  const standIn = (
    <button
      type="button"
      className="org-switcher__trigger"
      aria-label={`Organization: ${current?.name ?? "none chosen"}`}
      aria-haspopup="menu"
      aria-expanded="false"
      onPointerEnter={() => want({ open: false, focus: false })}
      onFocus={() => want({ open: false, focus: true })}
      onClick={() => want({ open: true, focus: true })}
      onKeyDown={(event) => {
        if (event.key !== "ArrowDown") return;
        event.preventDefault();
        want({ open: true, focus: true });
      }}
    >
      <OrgSwitcherFace name={current?.name ?? null} />
    </button>
  );
  return (
    <Suspense fallback={standIn}>
      {wanted === null ? standIn : <OrgMenu list={list} current={current} defaultOpen={wanted.open} autoFocus={wanted.focus} />}
    </Suspense>
  );
}
