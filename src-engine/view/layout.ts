// The layout's geometry the page draws with beyond the boxes the worker sends: where a port's wire drops.
export { MAX_SESSION_ROWS, PORT_DROP_X } from '../layout/layoutTopology';
export { BADGE_LANE, HEADER, NODE_W } from '../layout/grid';
