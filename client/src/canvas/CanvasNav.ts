import { createContext, useContext } from 'react';

export type NavDirection = 'up' | 'down' | 'left' | 'right';

/** Keyboard movement between cards, provided by the canvas (which knows the graph). */
export interface CanvasNav {
  move(from: string, direction: NavDirection): void;
}

export const CanvasNavContext = createContext<CanvasNav>({ move: () => undefined });

export function useCanvasNav(): CanvasNav {
  return useContext(CanvasNavContext);
}

export const ARROWS: Record<string, NavDirection> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};
