/**
 * Background blur for the camera, in the browser: MediaPipe Selfie Segmentation (vendored under
 * /vendor/mediapipe-selfie-segmentation, Apache-2.0; nothing fetched from elsewhere) separates the
 * person from the background in each frame, and a canvas draws the person sharp over a blurred
 * copy of the frame. The canvas's captured track is what the call sends instead of the camera's.
 */
const BASE = '/vendor/mediapipe-selfie-segmentation/';
const FPS = 24;
const BLUR_PX = 14;

let loading = null;

function loadScript() {
  if (window.SelfieSegmentation) return Promise.resolve();
  loading ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = `${BASE}selfie_segmentation.js`;
    s.onload = () => resolve();
    s.onerror = () => { loading = null; reject(new Error('the segmentation model could not be loaded')); };
    document.head.append(s);
  });
  return loading;
}

/** Whether this browser can run the blur (WebGL2 for the model, canvas capture for the output). */
export function blurSupported() {
  const canvas = document.createElement('canvas');
  return typeof canvas.captureStream === 'function' && typeof WebAssembly === 'object' && !!canvas.getContext('webgl2');
}

/** One camera track in, one blurred track out, until stop(). */
export class BackgroundBlur {
  /** Starts blurring `track`; resolves to the blurred track once the first frame is drawn. */
  async start(track) {
    await loadScript();
    const { width = 640, height = 360 } = track.getSettings();
    this.video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
    this.video.srcObject = new MediaStream([track]);
    await this.video.play();
    this.canvas = Object.assign(document.createElement('canvas'), { width, height });
    this.ctx = this.canvas.getContext('2d');
    this.model = new window.SelfieSegmentation({ locateFile: (file) => BASE + file });
    this.model.setOptions({ modelSelection: 1 }); // the landscape model: 144x256, made for video calls
    const first = new Promise((resolve) => { this.firstFrame = resolve; });
    this.model.onResults((r) => this.draw(r));
    this.running = true;
    this.loop();
    await first;
    this.output = this.canvas.captureStream(FPS).getVideoTracks()[0];
    this.output.contentHint = 'motion';
    return this.output;
  }

  /** One frame at a time: the next is sent when the model has answered the last (a slow machine gets fewer frames, not a queue). */
  async loop() {
    while (this.running) {
      const started = performance.now();
      if (this.video.readyState >= 2) {
        try { await this.model.send({ image: this.video }); } catch { /* a frame the model refused: try the next */ }
      }
      const wait = Math.max(0, 1000 / FPS - (performance.now() - started));
      await new Promise((r) => { this.timer = setTimeout(r, wait); });
    }
  }

  draw(results) {
    const { ctx, canvas } = this;
    const { width: w, height: h } = canvas;
    ctx.save();
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(results.segmentationMask, 0, 0, w, h);
    ctx.globalCompositeOperation = 'source-in'; // the person, sharp, where the mask is
    ctx.drawImage(results.image, 0, 0, w, h);
    ctx.globalCompositeOperation = 'destination-over'; // the blurred frame behind
    ctx.filter = `blur(${BLUR_PX}px)`;
    ctx.drawImage(results.image, 0, 0, w, h);
    ctx.restore();
    if (this.firstFrame) { this.firstFrame(); this.firstFrame = null; }
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    if (this.output) this.output.stop();
    if (this.video) this.video.srcObject = null;
    if (this.model) this.model.close().catch(() => {});
    this.output = null;
  }
}
