import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(() => <App />, root);
}

// Production only: in development a cached shell would hide every code change.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((error: unknown) => {
      console.warn('Offline support is unavailable:', error);
    });
  });
}
