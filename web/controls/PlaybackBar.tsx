// Play, pause, step, speed, motion and the timeline you scrub. Each control has an accessible name;
// the keyboard shortcuts are listed in the help popover.
import { SPEEDS } from '../url/urlState';
import { formatTime } from '../model/format';
import { selectCurrentStep, selectCursor, selectJumpOnly, selectPlaybackHeld, selectPlaying, selectSpeed, selectStepCount, useAppStore } from '../store/store';
import { Icon } from './Icon';
import { Timeline } from './Timeline';

export function PlaybackBar() {
  const playing = useAppStore(selectPlaying);
  const count = useAppStore(selectStepCount);
  const cursor = useAppStore(selectCursor);
  const step = useAppStore(selectCurrentStep);
  const speed = useAppStore(selectSpeed);
  const jumpOnly = useAppStore(selectJumpOnly);
  const motion = useAppStore((s) => s.motion);
  const reduced = useAppStore((s) => s.prefersReducedMotion);
  const { togglePlay, stepBack, stepForward, setSpeed, setMotion } = useAppStore.getState();
  const held = useAppStore(selectPlaybackHeld);
  const none = count === 0 || held;

  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button type="button" onClick={stepBack} disabled={none || cursor === 0} aria-label="Step back" title="Step back (←)">
        <Icon name="stepBack" />
      </button>
      <button type="button" className="play" onClick={togglePlay} disabled={none} aria-label={playing ? 'Pause' : 'Play'} title={`${playing ? 'Pause' : 'Play'} (space)`}>
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" onClick={stepForward} disabled={none || cursor >= count - 1} aria-label="Step forward" title="Step forward (→)">
        <Icon name="stepForward" />
      </button>
      <label className="field field-speed">
        <span>Speed</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <Timeline />
      {/* Two parts that each keep one line: where the bar is short of room the time goes under the step. */}
      <span className="step-readout" aria-live="off">
        {none ? (
          <span>No run yet</span>
        ) : (
          <>
            <span>{`Step ${cursor + 1} of ${count} ·`}</span> <span>{`t = ${formatTime(step?.time ?? 0)}`}</span>
          </>
        )}
      </span>
      <label className="toggle" title={reduced ? 'Your system asks for reduced motion: tokens jump between hops' : undefined}>
        <input type="checkbox" checked={!jumpOnly} disabled={reduced} onChange={(e) => setMotion(e.target.checked ? 'on' : 'off')} />
        <span>Glide{motion === 'off' || reduced ? ' (off: tokens jump)' : ''}</span>
      </label>
    </div>
  );
}
