import type { Client, Me, Organization, Project } from "./organizations";

/** Test data for this slice's component tests, typed by the generated schema. */
export const ada: Me = {
  id: 5,
  email: "ada@example.test",
  name: "Ada Lovelace",
  emailVerified: true,
  totpEnabled: false,
  timeZone: "Europe/London",
  defaultHourlyRate: null,
};

export function organization(id: number, name: string, role: Organization["role"] = "owner"): Organization {
  return { id, name, slug: name.toLowerCase().replace(/\W+/g, "-"), role, billingStatus: null, billingWarning: null, readOnly: false };
}

export function client(id: number, name: string): Client {
  return { id, name, email: null, archived: false, archivedAt: null, createdAt: `2026-01-0${id}T09:00:00Z` };
}

export function project(id: number, name: string, clientId: number | null = null, hourlyRate: number | null = null): Project {
  const at = "2026-01-01T09:00:00Z";
  return { id, clientId, name, description: null, hourlyRate, archived: false, archivedAt: null, createdAt: at, updatedAt: at };
}

export const page = <T,>(items: T[]) => ({ items, nextCursor: null });
