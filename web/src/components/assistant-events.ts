// What the assistant tells its host (the embed page forwards these with postMessage; the widget dispatches
// them as DOM events). Small, serialisable payloads: no passages' full text.
export type AssistantEvent =
  | { type: 'ready'; documents: number; answerer: string }
  | { type: 'answer'; question: string; answer: string; abstained: boolean; citations: { n: number; docId: string; title: string; url: string | null }[] }
  | { type: 'citation-click'; n: number; docId: string; title: string; url: string | null; start: number; end: number }
  | { type: 'error'; code: string; message: string };

export const ASSISTANT_EVENT_TYPES = ['ready', 'answer', 'citation-click', 'error'] as const;
