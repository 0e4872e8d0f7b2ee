import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, store } from './App';
import { startInPreferredLocale } from './i18n';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const render = () =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// A Chinese desk fetches its catalogue first; should that fail, the console still starts, in English.
startInPreferredLocale(store).then(render, (error: unknown) => {
  console.error(error);
  render();
});
