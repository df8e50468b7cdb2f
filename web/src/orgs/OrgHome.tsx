import { Navigate } from "react-router";

/** An organization's landing page: its first-run guide while it is empty, else My time (the organizations slice builds the guide). */
export function OrgHome() {
  return <Navigate to="time" replace />;
}

export { OrgHome as Component };
