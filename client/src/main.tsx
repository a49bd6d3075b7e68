import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { useUi } from './state/ui-store.ts';
import './styles.css';

document.documentElement.lang = useUi.getState().locale;
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
