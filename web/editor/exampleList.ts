// The example files the site ships (public/examples/), as the app offers them. A test keeps this list
// the same as the engine's examples, from which the files are written.
export const EXAMPLES = [
  { file: 'poc.json', title: 'The Azure Stack TP1 POC' },
  { file: 'poc-two-muxes.json', title: 'The POC with a second MUX' },
  { file: 'poc-tenant-vip.json', title: 'The POC with a tenant VIP and three DIPs' },
] as const;
