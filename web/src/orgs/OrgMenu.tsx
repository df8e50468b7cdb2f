import * as Menu from "@radix-ui/react-dropdown-menu";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useNavigate } from "react-router";
import { rememberOrganization } from "./lastOrganization";
import { OrgSwitcherFace } from "./OrgSwitcherFace";
import { meQuery, type Organization } from "./organizations";
import "./orgs.css";

const roles: Record<Organization["role"], string> = { owner: "Owner", admin: "Admin", member: "Member" };

/**
 * The header's organization menu: the person's organizations with the current one checked, and "New organization".
 * A Radix menu, so arrows, Home/End, typing a name, Enter and Escape work as screen-reader users expect of a menu.
 * Choosing one opens its time page and remembers it as the one `/` opens next time. It is its own chunk, loaded by
 * OrgSwitcher when the person reaches for it; `defaultOpen` and `autoFocus` carry on what they did meanwhile.
 */
export default function OrgMenu({
  list,
  current,
  defaultOpen,
  autoFocus,
}: {
  list: Organization[];
  current: Organization | null;
  defaultOpen: boolean;
  autoFocus: boolean;
}) {
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const trigger = useRef<HTMLButtonElement>(null);
  // The stand-in button had the focus and is gone: this trigger takes it (an open menu moves it into itself).
  useEffect(() => {
    if (autoFocus && !defaultOpen) trigger.current?.focus();
  }, [autoFocus, defaultOpen]);

  const open = (id: number) => {
    if (me.data) rememberOrganization(me.data.id, id);
    navigate(`/orgs/${id}/time`);
  };

  return (
    // Not modal: a modal menu locks scrolling with an injected <style>, which the server's Content-Security-Policy refuses.
    <Menu.Root modal={false} defaultOpen={defaultOpen}>
      <Menu.Trigger ref={trigger} className="org-switcher__trigger" aria-label={`Organization: ${current?.name ?? "none chosen"}`}>
        <OrgSwitcherFace name={current?.name ?? null} />
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
