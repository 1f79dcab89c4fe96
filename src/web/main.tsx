import './polyfills';
// antd's component styles made at build time (vite.config.ts antdStaticStyle), before the app's own styles
import 'virtual:antd-static.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './app';
import { startVisitOutbox } from './pages/visits/visit-outbox';
import { NetworkBanner } from './components/network-banner';
import { startPwa } from './pwa';
import './styles.css';

dayjs.locale('zh-cn');
// Visits recorded without a signal (or after the session ran out) wait in the device's outbox and
// are sent on their own — on whatever page the user is, as soon as the network and a session are back.
startVisitOutbox();
// The service worker keeps the app shell and the field lists for opening without signal (HTTPS or localhost only).
startPwa();

const el = document.getElementById('root');
if (!el) throw new Error('#root missing in index.html');
createRoot(el).render(
  <StrictMode>
    <NetworkBanner />
    <App />
  </StrictMode>,
);
