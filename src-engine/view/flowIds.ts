// Which frames are the user's flow and which the control plane's health probes, by their flow id: apart
// from frame.ts, so the page's first screen can ask without loading the packet decoders.

/**
 * Flow ids the SLB host agent's health probes (and the DIPs' answers) carry: they are labelled so they can be
 * told apart, but they are the control plane, not the user's flow.
 */
export const PROBE_FLOW_IDS: readonly string[] = ['probe', 'probe-reply'];

export const isProbeFlowId = (flowId: string | undefined): boolean => flowId !== undefined && PROBE_FLOW_IDS.includes(flowId);

/** Is this frame part of the user's flow (an attempt, its answer, its DNS lookup)? Probes are not. */
export const inUserFlow = (tx: { readonly flowId?: string | undefined }): boolean => tx.flowId !== undefined && !isProbeFlowId(tx.flowId);
