// The seed of every property test: fixed, so a run is repeatable and a failure reproduces exactly;
// FC_SEED=<n> npx vitest run explores other inputs. seeded.test.ts checks that no property test goes without it.
export const FC_SEED = Number(process.env.FC_SEED ?? 20160129);
