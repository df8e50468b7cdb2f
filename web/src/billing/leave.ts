/** Sends the browser to a Stripe-hosted page (Checkout, the Billing Portal); its own module so that tests can stand in for it. */
export function leaveFor(url: string): void {
  window.location.assign(url);
}
