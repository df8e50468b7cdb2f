import { dayOf, type DateKey } from "../timer/time";
import { useMe } from "../timer/queries";

/**
 * Today in the person's time zone, as the server reads the dates of a draft's range and an issue date; the browser's
 * zone until their profile has loaded.
 */
export function useToday(): DateKey {
  const me = useMe();
  return dayOf(Date.now(), me.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
