import { parseJoinCode } from './joincode.js';

const form = document.getElementById('join-code-form');
const input = document.getElementById('code');
const button = document.getElementById('code-btn');
const error = document.getElementById('code-error');
const clock = document.getElementById('clock');

function updateButton() {
  button.disabled = input.value.trim() === '';
}

function tick() {
  const now = new Date();
  clock.textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + ' • '
      + now.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' });
}

input.addEventListener('input', () => { error.textContent = ''; updateButton(); });
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const code = parseJoinCode(input.value);
  if (!code) {
    error.textContent = 'That doesn’t look like a meeting link or code. Codes look like abc-defg-hij.';
    input.focus();
    return;
  }
  window.location.assign('/j/' + code);
});
updateButton();
tick();
setInterval(tick, 10_000);
