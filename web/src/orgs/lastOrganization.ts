import type { Organization } from "./organizations";

/*
 * The organization a person last worked in, so that `/` opens it again. Kept in localStorage, per user id, because:
 * - the API has no place for this preference, and it is a convenience, not data: losing it only means `/` opens the
 *   first organization;
 * - it holds an organization's id, which is in every address of the app anyway: never a token, a name or anything else
 *   a script on the page should not read (the tokens stay in memory, see auth/session.ts);
 * - it is keyed by the user's id, so that two people sharing a browser each come back to their own organization, and
 *   an id left by someone else is never a reason to open an organization (Home checks the person is still a member).
 */
const prefix = "timetracker.lastOrganization.";

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be disabled (privacy settings); remembering is then simply skipped.
    return null;
  }
}

/** Remembers `organizationId` as the last organization of user `userId`. */
export function rememberOrganization(userId: number, organizationId: number): void {
  try {
    storage()?.setItem(prefix + userId, String(organizationId));
  } catch {
    // A full or read-only storage: nothing to remember then.
  }
}

/** The last organization user `userId` worked in, as remembered in this browser, or null. */
export function recallOrganization(userId: number): number | null {
  const value = Number(storage()?.getItem(prefix + userId) ?? Number.NaN);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** Where `/` leads: the remembered organization while the person is still a member of it, else their first, else none. */
export function chooseOrganization(organizations: readonly Organization[], remembered: number | null): Organization | null {
  return organizations.find((organization) => organization.id === remembered) ?? organizations[0] ?? null;
}
