import type { RouteObject } from "react-router";
import { OrgLayout } from "../orgs/OrgLayout";
import { AppLayout } from "../routes/AppLayout";
import { MyTime } from "../timer/MyTime";
import type { FirstLoadLoaders } from "./firstLoad";
import { Loading, Root, RouteError } from "./Root";

/**
 * Every page is its own chunk (`lazy`), so the first load fetches the shell and the one page it needs; the password
 * screens' strength dictionaries never reach the timer page. The timer page itself (the signed-in frame, the
 * organization's layout and My time), where a person lands, is part of the first chunk: lazy, its thirty-odd small
 * shared chunks cost the load a round trip and a <link rel=modulepreload> each, inserted while the main script still
 * runs (about 100 ms of main thread under Lighthouse's mobile CPU slowdown).
 *
 * The organization is part of the address (`/orgs/:orgId/…`): a link to a page of another organization, or a second tab
 * on another one, never depends on a remembered choice.
 */
export function appRoutes(firstLoad?: FirstLoadLoaders): RouteObject[] {
  return [
    {
      Component: Root,
      HydrateFallback: Loading,
      ErrorBoundary: RouteError,
      children: [
        {
          path: "/",
          Component: AppLayout,
          children: [
            { index: true, lazy: () => import("../routes/Home") },
            { path: "orgs/new", lazy: () => import("../orgs/CreateOrganization") },
            {
              path: "orgs/:orgId",
              Component: OrgLayout,
              loader: firstLoad?.organization,
              children: [
                { index: true, lazy: () => import("../orgs/OrgHome") },
                { path: "time", Component: MyTime, loader: firstLoad?.timePage },
                { path: "timesheet", lazy: () => import("../timesheet/TimesheetPage") },
                { path: "calendar", lazy: () => import("../calendar/CalendarPage") },
                { path: "reports", lazy: () => import("../reports/ReportsPage") },
                { path: "invoices", lazy: () => import("../invoices/InvoicesPage") },
                { path: "invoices/:invoiceId", lazy: () => import("../invoices/InvoicePage") },
                { path: "invoices/:invoiceId/print", lazy: () => import("../invoices/InvoicePrint") },
                { path: "catalogue/*", lazy: () => import("../catalogue/CataloguePage") },
                { path: "members", lazy: () => import("../members/MembersPage") },
                { path: "billing", lazy: () => import("../billing/BillingPage") },
                { path: "approvals", lazy: () => import("../approvals/ApprovalsPage") },
                { path: "settings", lazy: () => import("../settings/SettingsPage") },
              ],
            },
            { path: "account", lazy: () => import("../account/AccountPage") },
          ],
        },
        { path: "/sign-in", lazy: () => import("../routes/SignIn") },
        { path: "/sign-up", lazy: () => import("../routes/SignUp") },
        { path: "/verify-email", lazy: () => import("../routes/VerifyEmail") },
        { path: "/forgot-password", lazy: () => import("../routes/ForgotPassword") },
        { path: "/reset-password", lazy: () => import("../routes/ResetPassword") },
        { path: "/accept-invitation", lazy: () => import("../routes/AcceptInvitation") },
        { path: "*", lazy: () => import("../routes/NotFound") },
      ],
    },
  ];
}

/** The routes without the first load's loaders (as the tests render them: each page fetches what it shows). */
export const routes = appRoutes();
