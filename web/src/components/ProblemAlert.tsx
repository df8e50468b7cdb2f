import type { ReactNode } from "react";
import type { FormProblem } from "../api/problem";
import { FormAlert } from "./FormAlert";

/** The part of a problem that belongs to no field shown: its title, detail and any other field's message (and `children`: what to do). */
export function ProblemAlert({ problem, children }: { problem: FormProblem | null; children?: ReactNode }) {
  if (problem === null) return null;
  const others = Object.values(problem.fields);
  return (
    <FormAlert title={problem.title}>
      {problem.detail && <p>{problem.detail}</p>}
      {others.map((message) => (
        <p key={message}>{message}</p>
      ))}
      {children}
    </FormAlert>
  );
}
