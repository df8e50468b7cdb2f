/**
 * The invitation token of the link the person opened, kept in this module's memory while they sign in or sign up on
 * the way to joining: `/accept-invitation` takes it out of the address bar (see useLinkToken), and the `next` that
 * leads back there carries no token, so it never sits in the history or in a sign-in page's address. Like the session,
 * it is never written to storage; a reload forgets it, and the emailed link works again.
 */
let pending: string | null = null;

export const pendingInvitation = {
  keep(token: string): void {
    pending = token;
  },
  get current(): string | null {
    return pending;
  },
  forget(): void {
    pending = null;
  },
};
