import type { APIRequestContext } from "@playwright/test";
import { api, apiToken, invitedMember, verifiedAccount, newAddress } from "./people";
import type { Stack } from "./stack";

// The organization the screenshots and speed figures use (issue 20): 12 members, 8 clients, 30 projects and
// six months of entries, made through the public API the way a team would make them, so every screen shows realistic
// data. Deterministic: the same names, projects and hours every run, so screenshots can be compared.

/** What `seedOrganization` made: the organization, its owner (email and API token), its people and projects. */
export interface SeededOrganization {
  orgId: number;
  owner: { email: string; token: string };
  members: { email: string; token: string; userId: number; role: "admin" | "member" }[];
  clientIds: number[];
  projectIds: number[];
  entries: number;
}

const clientNames = ["Acme Logistics", "Blue Harbor Bank", "Copperleaf Foods", "Driftwood Hotels", "Evergreen Clinics", "Foxglove Media", "Granite Works", "Helios Energy"];
const projectKinds = ["Website relaunch", "Mobile app", "Brand refresh", "Data platform", "Support retainer", "Marketing site", "Onboarding flow", "Analytics"];
const memberNames = [
  "Grace Hopper",
  "Alan Turing",
  "Katherine Johnson",
  "Edsger Dijkstra",
  "Barbara Liskov",
  "Donald Knuth",
  "Frances Allen",
  "Ken Thompson",
  "Radia Perlman",
  "John McCarthy",
  "Margaret Hamilton",
];
const descriptions = ["Design review", "Sprint planning", "Implementation", "Client call", "Bug fixing", "Code review", "Documentation", "Research"];
const tagSets = [[], ["meeting"], ["design"], ["development"], ["development", "urgent"], ["support"], ["research"]];

/** A small deterministic generator (mulberry32), so that "random" hours are the same every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `work` over `items` with at most `width` at once (the server is the one being measured, not the seeding). */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** The working days (Monday to Friday, UTC midnights) of the `months` months before today, oldest first. */
function workingDays(months: number): Date[] {
  const now = new Date();
  const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  const days: Date[] = [];
  for (let day = first; day < until; day = new Date(day.getTime() + 86_400_000)) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

/**
 * Makes the seeded organization on `stack`: an owner, 2 admins and 9 members (joined by emailed invitations), 8 clients,
 * 30 projects with hourly rates and 2 tasks each, and, for every person, two entries on each working day of the six
 * months before today (about 3,000 entries), made by the owner on their behalf.
 */
export async function seedOrganization(request: APIRequestContext, stack: Stack, name = "Northwind Studio"): Promise<SeededOrganization> {
  const random = generator(20);
  const ownerEmail = await verifiedAccount(request, stack, "Ada Lovelace", newAddress("owner"));
  const owner = { email: ownerEmail, token: await apiToken(request, ownerEmail) };
  const org = await api<{ id: number }>(request, owner.token, "POST", "/api/v1/orgs", { name });
  const path = (rest: string) => `/api/v1/orgs/${org.id}${rest}`;

  const members: SeededOrganization["members"] = [];
  await inParallel(memberNames, 4, async (memberName, index) => {
    const role = index < 2 ? "admin" : "member";
    const joined = await invitedMember(request, stack, owner.token, org.id, role, memberName);
    const me = await api<{ id: number }>(request, joined.token, "GET", "/api/v1/me");
    members[index] = { ...joined, userId: me.id, role };
  });

  const clientIds: number[] = [];
  for (const [index, clientName] of clientNames.entries())
    clientIds[index] = (await api<{ id: number }>(request, owner.token, "POST", path("/clients"), { name: clientName })).id;
  const projects: { id: number; taskIds: number[] }[] = [];
  await inParallel(
    Array.from({ length: 30 }, (_, i) => i),
    4,
    async (i) => {
      const clientIndex = i % clientIds.length;
      const body = {
        // Each client has its projects of different kinds: a (kind, client) pair never repeats, so neither does a name.
        name: `${projectKinds[(i + Math.floor(i / clientIds.length)) % projectKinds.length]!} (${clientNames[clientIndex]!.split(" ")[0]})`,
        clientId: clientIds[clientIndex],
        hourlyRate: 60 + (i % 6) * 15,
      };
      const project = await api<{ id: number }>(request, owner.token, "POST", path("/projects"), body);
      const taskIds: number[] = [];
      for (const task of ["Design", "Development"])
        taskIds.push((await api<{ id: number }>(request, owner.token, "POST", path(`/projects/${project.id}/tasks`), { name: task })).id);
      projects[i] = { id: project.id, taskIds };
    },
  );

  // Each person works on three or four projects of their own, as people on a team do.
  const people = [{ userId: (await api<{ id: number }>(request, owner.token, "GET", "/api/v1/me")).id }, ...members];
  const entries = people.flatMap(({ userId }, person) => {
    const own = [0, 1, 2, 3].map((k) => projects[(person * 7 + k * 5) % projects.length]!);
    return workingDays(6).flatMap((day) =>
      [9, 13.5].map((startHour) => {
        const project = own[Math.floor(random() * own.length)]!;
        const minutes = 90 + Math.floor(random() * 10) * 15;
        const startedAt = new Date(day.getTime() + startHour * 3_600_000);
        return {
          userId,
          projectId: project.id,
          taskId: project.taskIds[Math.floor(random() * project.taskIds.length)],
          description: descriptions[Math.floor(random() * descriptions.length)],
          billable: random() < 0.8,
          tags: tagSets[Math.floor(random() * tagSets.length)],
          startedAt: startedAt.toISOString(),
          endedAt: new Date(startedAt.getTime() + minutes * 60_000).toISOString(),
        };
      }),
    );
  });
  await inParallel(entries, 6, async (entry) => {
    await api(request, owner.token, "POST", path("/time-entries"), entry);
  });
  return { orgId: org.id, owner, members, clientIds, projectIds: projects.map((p) => p.id), entries: entries.length };
}
