// One store built from slices; each slice owns its state and the actions on it. Selectors live beside
// their slice, at module level, so components subscribe to exactly what they draw.
import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from './compareSlice';
import { createDiagramSlice, type DiagramSlice } from './diagramSlice';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createLessonSlice, type LessonSlice } from './lessonSlice';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createTopologySlice, type TopologySlice } from './topologySlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = TopologySlice & RunSlice & PlaybackSlice & SelectionSlice & UiSlice & DiagramSlice & LessonSlice & EditorSlice & CompareSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createTopologySlice(...a),
  ...createRunSlice(...a),
  ...createPlaybackSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
  ...createDiagramSlice(...a),
  ...createLessonSlice(...a),
  ...createEditorSlice(...a),
  ...createCompareSlice(...a),
}));

export type AppStore = typeof useAppStore;

export * from './selectors';
export * from './diagramSlice';
export { selectComparison, runBRequest, type Comparison, type RunBSettings } from './compareSlice';
export { selectInLesson, selectLesson, selectLessonFocus, selectLessonAnswers, selectOpenQuestion } from './lessonSlice';
