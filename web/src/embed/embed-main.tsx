import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EmbedApp } from './embed-app.js';
import '../styles/page.css';
import '../styles/assistant.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp params={new URLSearchParams(location.search)} />
  </StrictMode>,
);
