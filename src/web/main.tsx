import './polyfills';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './app';
import { startVisitOutbox } from './pages/visits/visit-outbox';
import './styles.css';

dayjs.locale('zh-cn');
// Visits recorded without a signal (or after the session ran out) wait in the device's outbox and
// are sent on their own — on whatever page the user is, as soon as the network and a session are back.
startVisitOutbox();

const el = document.getElementById('root');
if (!el) throw new Error('#root missing in index.html');
createRoot(el).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
