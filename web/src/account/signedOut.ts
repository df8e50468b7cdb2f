import type { QueryClient } from "@tanstack/react-query";
import type { NavigateFunction } from "react-router";
import { accounts } from "../auth/accounts";

/**
 * After a change that the server answers by ending every session (a new password, 2FA turned off, sign out
 * everywhere): forget this page's tokens too, and show the sign-in with `notice` (read by SignIn from the history state,
 * so a reload does not show it again) and the address filled in when known. This navigation replaces the one the
 * signed-in frame starts by itself once signed out, which knows neither. The cached answers go too: whoever signs in
 * next in this tab must not see this person's profile, even for a moment.
 */
export async function continueSignedOut(navigate: NavigateFunction, queryClient: QueryClient, notice: string, email?: string): Promise<void> {
  await accounts.signOut();
  await navigate(email ? `/sign-in?email=${encodeURIComponent(email)}` : "/sign-in", { replace: true, state: { notice } });
  queryClient.removeQueries();
}
