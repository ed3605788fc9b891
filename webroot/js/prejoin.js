import { el } from './dom.js';
import { t } from './i18n.js';

/** Pre-join rendering: the preview, the on/off state of both media buttons, notices, device lists. */

const $ = (id) => document.getElementById(id);

function setToggle(btn, on, kind) {
  btn.classList.toggle('off', !on);
  btn.setAttribute('aria-pressed', String(on));
  btn.title = t(`control.${kind}${on ? 'Off' : 'On'}`);
  btn.setAttribute('aria-label', btn.title);
}

/** Reflects mic/camera on/off on the pre-join and in-call buttons and the preview overlay. */
export function updateMediaButtons(media) {
  document.body.classList.toggle('media-starting', media.starting);
  const mic = media.enabled.audio && !!media.track('audio');
  const cam = media.enabled.video && !!media.track('video');
  setToggle($('pre-mic-btn'), mic, 'mic');
  setToggle($('pre-cam-btn'), cam, 'cam');
  setToggle($('mic-btn'), mic, 'mic');
  setToggle($('cam-btn'), cam, 'cam');
  const off = $('preview-off');
  off.hidden = cam;
  off.textContent = t(media.starting ? 'preview.starting' : media.track('video') ? 'preview.off' : 'preview.unavailable');
}

/**
 * Shows the local stream in the preview, or nothing: a media element holding a stream without a
 * video track never gets metadata, which would hold back the page's load event.
 */
export function showPreview(media) {
  const preview = $('preview');
  const want = media.track('video') ? media.stream : null;
  if (preview.srcObject !== want) preview.srcObject = want;
}

export function showNotice(text) {
  const n = $('media-notice');
  n.textContent = text;
  n.hidden = !text;
}

/** Fills the microphone and camera pickers; a kind without a live track gets a disabled placeholder. */
export async function fillDevices(media) {
  const devices = await media.devices();
  for (const [kind, select, none] of [['audio', $('mic-select'), t('device.noMic')], ['video', $('cam-select'), t('device.noCam')]]) {
    const list = devices[kind];
    const usable = list.length > 0 && !!media.track(kind);
    select.replaceChildren(...(usable ? list : [{ deviceId: '', label: none }])
        .map((d) => el('option', { value: d.deviceId, textContent: d.label })));
    if (usable) select.value = media.currentDevice(kind) || list[0].deviceId;
    select.disabled = !usable;
  }
}
