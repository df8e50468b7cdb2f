import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { session as defaultSession, type Session } from "../auth/session";

/** The API client: typed by the generated schema, one bearer header added from memory, nothing else. */
export type ApiClient = Client<paths>;

/** Adds `Authorization: Bearer …` while someone is signed in. */
export function bearerMiddleware(session: Session): Middleware {
  return {
    onRequest({ request }) {
      const token = session.current.accessToken;
      if (token !== null) request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
}

/** A client for the API at `baseUrl` (the page's own origin by default: the server serves both). */
export function createApiClient(options: { baseUrl?: string; fetch?: typeof fetch; session?: Session } = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? "",
    // Looked up on each call, not captured once: tests (and any later wrapper) can replace the global fetch.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  });
  client.use(bearerMiddleware(options.session ?? defaultSession));
  return client;
}

/** The page's one client. */
export const api = createApiClient();
