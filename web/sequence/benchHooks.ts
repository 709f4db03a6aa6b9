// What the sequence benchmark (a `vite build --mode bench` page) reaches in the live diagram: opening every
// fold, its worst case (every frame a row). Set only in that build.
export const sequenceBenchHooks: { unfoldAll?: () => void } = {};
