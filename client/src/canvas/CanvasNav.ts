import { createContext, useContext } from 'react';

export type NavDirection = 'up' | 'down' | 'left' | 'right';

/** Keyboard movement between cards, provided by the canvas (which knows the graph). */
export interface CanvasNav {
  move(from: string, direction: NavDirection): void;
  /** Pans just enough to show a card or reason that got keyboard focus (Tab). */
  show(id: string): void;
}

export const CanvasNavContext = createContext<CanvasNav>({
  move: () => undefined,
  show: () => undefined,
});

export function useCanvasNav(): CanvasNav {
  return useContext(CanvasNavContext);
}

export const ARROWS: Record<string, NavDirection> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};
