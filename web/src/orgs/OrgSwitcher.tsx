import * as Menu from "@radix-ui/react-dropdown-menu";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { rememberOrganization } from "./lastOrganization";
import { meQuery, organizationsQuery, type Organization } from "./organizations";
import "./orgs.css";

const roles: Record<Organization["role"], string> = { owner: "Owner", admin: "Admin", member: "Member" };

/**
 * The header's organization menu: the person's organizations with the current one checked, and "New organization".
 * A Radix menu, so arrows, Home/End, typing a name, Enter and Escape work as screen-reader users expect of a menu.
 * Choosing one opens its time page and remembers it as the one `/` opens next time.
 */
export function OrgSwitcher({ currentId }: { currentId: number | null }) {
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const organizations = useQuery(organizationsQuery);
  const list = organizations.data ?? [];
  // Someone with no organization yet is on the page that creates one: a menu with nothing to choose would be noise.
  if (list.length === 0) return null;
  const current = list.find((organization) => organization.id === currentId) ?? null;

  const open = (id: number) => {
    if (me.data) rememberOrganization(me.data.id, id);
    navigate(`/orgs/${id}/time`);
  };

  return (
    // Not modal: a modal menu locks scrolling with an injected <style>, which the server's Content-Security-Policy refuses.
    <Menu.Root modal={false}>
      <Menu.Trigger className="org-switcher__trigger" aria-label={`Organization: ${current?.name ?? "none chosen"}`}>
        <span className="org-switcher__name">{current?.name ?? "Choose an organization"}</span>
        <svg className="org-switcher__chevron" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="org-switcher__menu" align="start" sideOffset={6} collisionPadding={8}>
          <Menu.Label className="org-switcher__label">Your organizations</Menu.Label>
          <Menu.RadioGroup value={current ? String(current.id) : ""} onValueChange={(value) => open(Number(value))}>
            {list.map((organization) => (
              <Menu.RadioItem
                key={organization.id}
                value={String(organization.id)}
                className="org-switcher__item"
                // Read as "Acme, Owner": the name and the role are separate cells of the item's grid.
                aria-label={`${organization.name}, ${roles[organization.role]}`}
              >
                <Menu.ItemIndicator className="org-switcher__check">
                  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                    <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                </Menu.ItemIndicator>
                <span className="org-switcher__item-name">{organization.name}</span>
                <span className="org-switcher__role">{roles[organization.role]}</span>
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
          <Menu.Separator className="org-switcher__separator" />
          <Menu.Item className="org-switcher__item" onSelect={() => navigate("/orgs/new")}>
            <span className="org-switcher__plus" aria-hidden="true">
              +
            </span>
            New organization
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
