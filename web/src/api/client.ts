import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";
import { keeper as pageKeeper } from "../auth/keeper";
import { session as pageSession, type Session } from "../auth/session";

/** The API client: typed by the generated schema, with the in-memory access token as a bearer token. */
export type ApiClient = Client<paths>;

/** What the client needs to replace an access token the server refused (the page's SessionKeeper). */
export interface TokenRefresher {
  refresh(stale: string): Promise<string | null>;
}

/**
 * `fetch` with `Authorization: Bearer …` while someone is signed in. A 401 to a request that carried a token gets one
 * refresh (the token may have expired in a tab the browser put to sleep, or been replaced) and the request is sent once
 * more with the new token; a second 401 is the answer.
 */
export function authorizedFetch(session: Session, refresher: TokenRefresher, fetch: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const token = session.current.accessToken;
    if (token === null) return fetch(request);
    // Before sending: a body can be read once.
    const retry = request.clone();
    request.headers.set("Authorization", `Bearer ${token}`);
    const response = await fetch(request);
    if (response.status !== 401) return response;
    const renewed = await refresher.refresh(token);
    if (renewed === null) return response;
    retry.headers.set("Authorization", `Bearer ${renewed}`);
    return fetch(retry);
  };
}

/** A client for the API at `baseUrl` (the page's own origin by default: the server serves both). */
export function createApiClient(
  options: { baseUrl?: string; fetch?: (request: Request) => Promise<Response>; session?: Session; refresher?: TokenRefresher } = {},
): ApiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? "",
    fetch: authorizedFetch(
      options.session ?? pageSession,
      options.refresher ?? pageKeeper,
      // Looked up on each call, not captured once: tests (and any later wrapper) can replace the global fetch.
      options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    ),
  });
}

/** The page's one client. */
export const api = createApiClient();
