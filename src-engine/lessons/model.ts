// A lesson is data: a run to make and chapters that bind to that run by predicates on the engine's own
// records (frames, events, hops), never by step numbers, so a lesson survives changes in the engine.
// Definitions hold functions and stay in the engine; what the page receives is the resolved form below,
// plain data that crosses the worker boundary.
import type { Hop, RunRequest, SimTime } from '../protocol';
import type { LayerType } from '../packets/layers';
import type { RunQuery } from './query';

/** A point of the run: a frame (transmission) or an event, with its simulated time. */
export interface Moment {
  readonly time: SimTime;
  readonly txId?: number;
  readonly eventId?: number;
}

/**
 * Lesson text that names a value of the run (a time, an address, a count): written as a function of the
 * run, so the text says what this run did. Undefined when the run lacks the value; the chapter then fails
 * to resolve, by name.
 */
export type RunText = string | ((q: RunQuery) => string | undefined);

/** Devices a chapter points at, by name or read from the run (the server behind the VIP). */
export type RunNodes = readonly string[] | ((q: RunQuery) => readonly string[] | undefined);

/** Finds a moment of the run; `describe` names it in plain words for the error when nothing matches. */
export interface Anchor {
  readonly describe: string;
  readonly find: (q: RunQuery) => Moment | undefined;
}

/** A quiz's right answer and its choices, derived from the engine's data at the moment it is asked. */
export interface Rubric {
  readonly choices: readonly Choice[];
  /** Id of the right choice. */
  readonly answer: string;
  /** The engine's own explanation, shown with the feedback. */
  readonly why: string;
}

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export type QuestionKind = 'next-device' | 'address' | 'choice';

export interface QuestionDef {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly prompt: RunText;
  /** The frame or event the question is about: the player stops just before it. */
  readonly at: Anchor;
  readonly rubric: (q: RunQuery, at: Moment) => Rubric | undefined;
  /** What the lesson wants remembered, shown with the feedback once the question is answered. */
  readonly debrief?: RunText;
}

export interface FieldFocus {
  /** The frame whose field the inspector highlights. */
  readonly at: Anchor;
  readonly layer: LayerType;
  /** A dotted path as the decoder names it ('dst', 'message.nlri.0', 'vni'). */
  readonly field: string;
  /** Which layer of that type: 'outer' (first) or 'inner' (last). Default: outer. */
  readonly which?: 'outer' | 'inner';
}

export interface TableFocus {
  readonly node: string;
  /** The device table's title, as the engine names it ('Routes', 'BGP neighbours', ...). */
  readonly table: string;
  /** Cells the row must have (column -> text). */
  readonly match: Readonly<Record<string, string>>;
}

/** A table focus as a lesson writes it: the cells may be values of the run (the VIP's route, a peer's address). */
export interface TableFocusDef {
  readonly node: string;
  readonly table: string;
  readonly match: Readonly<Record<string, RunText>>;
}

export interface ChapterDef {
  readonly id: string;
  readonly title: string;
  /** A few short sentences in plain language, read while watching. */
  readonly caption: RunText;
  readonly from: Anchor;
  readonly to: Anchor;
  /** The devices to point at. */
  readonly nodes: RunNodes;
  /** The frames this chapter is about; the other frames of its span are folded away as background. */
  readonly about: (q: RunQuery) => readonly number[];
  readonly field?: FieldFocus;
  readonly table?: TableFocusDef;
  readonly questions?: readonly QuestionDef[];
  /**
   * For a chapter whose steps are mostly ones it is not about (a loop of a hundred router hops, a wait of
   * minutes): the moments it is about. Playback slows at each and runs quickly through the steps between
   * them, so nobody sits through a minute of KEEPALIVEs. Without it, every step plays at the chosen speed.
   */
  readonly focus?: (q: RunQuery) => readonly Moment[];
  /**
   * For a chapter that ends on an event: what presenter mode says of it, in words (a route installed, a session up),
   * instead of the event's own line, which is a log's ("OpenConfirm -> Established: ... (inferred: ..., source S19)").
   */
  readonly endNote?: RunText;
}

/** A lesson: what it teaches, and the run it needs (a request, with its seed, on a topology). */
export interface LessonDef {
  readonly id: string;
  readonly title: string;
  /** One sentence: what the student will be able to explain afterwards. */
  readonly goal: string;
  /** The topology the run needs; lessons run on the POC. */
  readonly topology: 'poc';
  /** Source, destination, what-ifs, knobs and seed. */
  readonly request: RunRequest;
  readonly chapters: readonly ChapterDef[];
}

// ---- What the page receives ------------------------------------------------------------------------

export interface LessonSummary {
  readonly id: string;
  readonly title: string;
  readonly goal: string;
  readonly topology: 'poc';
  readonly request: RunRequest;
  readonly chapters: readonly { readonly id: string; readonly title: string }[];
  readonly questionCount: number;
}

export interface ResolvedQuestion {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly prompt: string;
  /** The frame (or event) the question is about; it must not be shown before the answer. */
  readonly about: Moment;
  readonly choices: readonly Choice[];
  readonly answer: string;
  readonly why: string;
  readonly debrief?: string;
  /**
   * The device whose decision the question asks about, and when the packet reached it: what it logged from
   * then until the moment asked about (an ARP request naming the next hop, a DNS answer, a flow-table entry)
   * is held back until the answer is in.
   */
  readonly decider?: { readonly node: string; readonly since: SimTime };
}

export interface ResolvedChapter {
  readonly index: number;
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** Inclusive span of simulated time. */
  readonly start: SimTime;
  readonly end: SimTime;
  readonly nodes: readonly string[];
  /** Transmission ids of the frames the chapter is about. */
  readonly txIds: readonly number[];
  readonly field?: {
    readonly txId: number;
    readonly layer: LayerType;
    readonly layerIndex: number;
    readonly field: string;
    /** How a person names it: "TCP destination port". */
    readonly label: string;
  };
  /** The table the chapter points at, read at the chapter's end; `label` names it ("BGPVM's BGP neighbours"). */
  readonly table?: TableFocus & { readonly time: SimTime; readonly label: string };
  /**
   * The event the chapter ends on, when its end is an event rather than a frame (a session going down, a
   * route installed): the step shown at the chapter's end may hold other frames, and the Why names this.
   */
  readonly endEvent?: number;
  /** The engine's account of that event, for a screen with no Why panel (presenter mode). */
  readonly endNote?: string;
  /** The moments playback slows at (see ChapterDef.focus); absent: every step is played at the chosen speed. */
  readonly focus?: readonly Moment[];
  readonly questions: readonly ResolvedQuestion[];
}

export interface ResolvedLesson {
  readonly id: string;
  readonly title: string;
  readonly goal: string;
  readonly chapters: readonly ResolvedChapter[];
}

/** Why a chapter no longer binds to the run: names the lesson, the chapter and what was not found. */
export interface ResolveFailure {
  readonly lesson: string;
  readonly chapter: string;
  readonly message: string;
}

export type { Hop };
