import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { catalogue } from "../catalogue/api";
import { SelectField } from "../orgs/SelectField";
import { RateHistory } from "./RateHistory";
import { RepricePanel } from "./RepricePanel";

/**
 * The Members page's rates (admins and owners): the organization's default rate, a member's rate and their rate on
 * one project, each with its history; and re-pricing. Which rate wins: the member on the project, the project, the
 * member, the member's own default (their profile), the organization's default.
 */
export function TeamRates({ orgId, people }: { orgId: number; people: readonly { userId: number; name: string }[] }) {
  const [userId, setUserId] = useState(people[0] ? String(people[0].userId) : "");
  const [projectId, setProjectId] = useState("");
  const projects = useQuery({
    queryKey: ["orgs", orgId, "projects", "rates"],
    queryFn: async () => (await catalogue.projects(orgId, false)).items,
  });
  const person = people.find((p) => String(p.userId) === userId);
  const project = projects.data?.find((p) => String(p.id) === projectId);
  return (
    <section className="members-card team-rates" aria-labelledby="rates-title">
      <h2 id="rates-title">Rates</h2>
      <p className="muted">
        The most specific rate wins: a member on a project, then the project (set under Projects), then the member, then their own default, then the
        organization&apos;s default. Each change applies from a day; entries keep the rate they were recorded at.
      </p>
      <RateHistory orgId={orgId} scope={{}} title="Organization default" />
      <div className="team-rates__pickers">
        <SelectField label="Member" value={userId} onChange={(event) => setUserId(event.target.value)}>
          {people.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="On project" value={projectId} onChange={(event) => setProjectId(event.target.value)}>
          <option value="">Every project</option>
          {(projects.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      {person && (
        <RateHistory
          key={`${userId}-${projectId}`}
          orgId={orgId}
          scope={project ? { userId: person.userId, projectId: project.id } : { userId: person.userId }}
          title={project ? `${person.name} on ${project.name}` : person.name}
        />
      )}
      <RepricePanel orgId={orgId} projects={projects.data ?? []} people={people} />
    </section>
  );
}
