/** The estimate the meter shows: zxcvbn's score (0-4), as the server's own password policy computes it. */
export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
}

type Estimator = (password: string, userInputs: string[]) => Strength;

let estimator: Promise<Estimator> | null = null;

/**
 * zxcvbn-ts with its common dictionaries, loaded on first use: the dictionaries are a few hundred kilobytes, which only
 * the screens that choose a password pay for (a chunk of their own), never the timer page.
 */
export function loadEstimator(): Promise<Estimator> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(([core, common]) => {
    core.zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    return (password, userInputs) => {
      const result = core.zxcvbn(password, userInputs);
      return { score: result.score, warning: result.feedback.warning || null };
    };
  });
  return estimator;
}
