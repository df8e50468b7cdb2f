import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";

/**
 * The `?token=` of an emailed link, taken out of the address bar once read: it then stays out of the history, of
 * bookmarks and of screenshots. The page keeps it in memory for as long as it needs it.
 */
export function useLinkToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => new URLSearchParams(location.search).get("token"));
  useEffect(() => {
    if (new URLSearchParams(location.search).has("token")) navigate(location.pathname, { replace: true });
  }, [location.pathname, location.search, navigate]);
  return token;
}
