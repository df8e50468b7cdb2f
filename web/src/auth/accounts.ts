import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";
import { session } from "./session";

type Schemas = components["schemas"];
export type TokenResponse = Schemas["TokenResponse"];
export type MfaChallengeResponse = Schemas["MfaChallengeResponse"];

/** Sign-in's answer: tokens, or a challenge to answer with a second factor. */
export type SignInOutcome = { kind: "signed-in" } | { kind: "second-factor"; challenge: string };

/**
 * The account calls the screens make. Sign-in answers either tokens or a challenge (the document declares only the
 * latter today), so the answer is told apart by its fields.
 */
export function accountsApi(client: ApiClient = api) {
  return {
    register: (body: Schemas["RegisterRequest"]) => call(client.POST("/api/v1/auth/register", { body })),
    verifyEmail: (token: string) => call(client.POST("/api/v1/auth/verify-email", { body: { token } })),
    resendVerification: (email: string) => call(client.POST("/api/v1/auth/verify-email/resend", { body: { email } })),
    requestPasswordReset: (email: string) => call(client.POST("/api/v1/auth/password-reset", { body: { email } })),
    resetPassword: (token: string, newPassword: string) =>
      call(client.POST("/api/v1/auth/password-reset/confirm", { body: { token, newPassword } })),
    async signIn(body: Schemas["LoginRequest"]): Promise<SignInOutcome> {
      // Widened on purpose: the document lists only the challenge (ASP.NET Core keeps one of two 200 types).
      const answer = (await call(client.POST("/api/v1/auth/login", { body }))) as TokenResponse | MfaChallengeResponse;
      if ("accessToken" in answer) {
        session.signIn(answer);
        return { kind: "signed-in" };
      }
      return { kind: "second-factor", challenge: answer.challenge };
    },
    async completeSignIn(body: Schemas["TwoFactorLoginRequest"]): Promise<void> {
      session.signIn(await call(client.POST("/api/v1/auth/login/2fa", { body })));
    },
    async signOut(): Promise<void> {
      const refreshToken = session.current.refreshToken;
      session.signOut();
      if (refreshToken !== null) await call(client.POST("/api/v1/auth/logout", { body: { refreshToken } })).catch(() => undefined);
    },
  };
}

export const accounts = accountsApi();
