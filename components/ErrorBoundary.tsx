// Catches a render error below it and shows a short message instead of a
// blank page (a corrupt stored report, a malformed URL). The error is logged
// for the developer; the reader is told what to do.
import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** What the reader sees instead of the broken view. */
  fallback: ReactNode;
  children?: ReactNode;
}

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('Yuanwen: a view failed to render', error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
