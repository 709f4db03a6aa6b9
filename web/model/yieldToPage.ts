// Ends the current task so the page can paint and answer input before the next piece of a large piece of
// work (receiving a 4,000-VM topology, building its steps, drawing it): each piece is then its own task and
// none holds the page for long. `scheduler.yield` keeps the work's place ahead of other queued tasks; where
// there is none, a message to a port starts a new task (a timer would wait at least 4 ms once nested).
// Outside a page (unit tests under Node) it only waits a microtask.
type Yielding = { yield?: () => Promise<void> };

let channel: MessageChannel | undefined;
const resolvers: (() => void)[] = [];

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Yielding }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof document === 'undefined' || typeof MessageChannel === 'undefined') return Promise.resolve();
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => resolvers.shift()?.();
  }
  const port = channel.port2;
  return new Promise<void>((resolve) => {
    resolvers.push(resolve);
    port.postMessage(null);
  });
}
