import { Link } from "react-router";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";

/** Any path the app does not know. (The server answers every non-API path with the app, so this page is the 404.) */
export function NotFound() {
  return (
    <AuthLayout title="Page not found" intro="There is nothing at this address. It may have moved, or the link may be mistyped.">
      <Button asChild>
        <Link to="/">Go to the start page</Link>
      </Button>
    </AuthLayout>
  );
}

export { NotFound as Component };
