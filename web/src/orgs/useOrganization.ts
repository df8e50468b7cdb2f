import { useOutletContext } from "react-router";
import type { Organization } from "./organizations";

/** The roles from least to most trusted: a page for admins is a page for owners too. */
const Ranks: Record<Organization["role"], number> = { member: 0, admin: 1, owner: 2 };

/** Whether `role` may use what `needed` may. */
export function hasRole(role: Organization["role"], needed: Organization["role"]): boolean {
  return Ranks[role] >= Ranks[needed];
}

/**
 * The organization of the page, as `OrgLayout` loaded it (its pages render only once it has): its id, the person's role
 * in it, its billing status and whether it is read-only. It follows the layout's query, so a refetch reaches every page.
 */
export function useOrganization(): Organization {
  return useOutletContext<Organization>();
}
