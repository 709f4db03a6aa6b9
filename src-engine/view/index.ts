// The engine's view module: what the page shows about the network, said once. Pure and zod-free, so
// the page may import it at run time (the only engine code it may import other than types).
export * from './destination';
export * from './deviceTables';
export * from './dispositions';
export * from './events';
export * from './flowStart';
export * from './frame';
export * from './ids';
export * from './protocols';
export * from './provenance';
export * from './schemaPath';
export * from './runState';
export * from './runLog';
export * from './limits';
export * from './boundary';
export * from './layout';
export * from './compare';
export * from './vlan';
