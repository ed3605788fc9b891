// Joins a Confero meeting from Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core,
// for FirefoxE2ETest. Usage: node firefox-peer.mjs <join-url> <display-name> <profile-dir> [--share | --rejoin=N]
// Prints one JSON object per line on stdout: {"event":"joined"} once the client reports
// state "joined"; with --share (run under xvfb-run: Firefox then is a window on that display) it
// clicks Share screen and prints {"event":"sharing",...} once the publisher sends the captured
// display; then every second
// {"event":"stats",...} with the subscriber's inbound-rtp counters and the publisher's
// outbound video; {"event":"error","message":...} on failure. With --rejoin=N (a benchmark) it
// instead joins N times and prints each join's time to first media. Exits when stdin closes.
import puppeteer from 'puppeteer-core';

const [url, name, profile, option] = process.argv.slice(2);
const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
  // a presenter needs a screen to share: it runs as a window on the virtual display xvfb-run gives
  headless: option !== '--share',
  userDataDir: profile,
  extraPrefsFirefox: {
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': true,
    'media.peerconnection.ice.loopback': true,
    'media.peerconnection.ice.obfuscate_host_addresses': false,
    'network.proxy.type': 0,
  },
});
const stop = async (code) => {
  await browser.close().catch(() => {});
  process.exit(code);
};
process.stdin.on('end', () => stop(0));
process.stdin.resume();

async function join(page, as) {
  await page.goto(url);
  await page.waitForSelector('#name');
  await page.$eval('#name', (el) => { el.value = ''; });
  await page.type('#name', as);
  await page.click('#join-btn');
  await page.waitForFunction(() => window.confero && window.confero.state === 'joined', { timeout: 60000 });
}

/** --rejoin=N: N joins (a fresh page load each), each printing {"event":"firstMedia", "ms", "phases"}. */
async function measureFirstMedia(page, joins) {
  for (let i = 1; i <= joins; i++) {
    await join(page, `${name}${i}`);
    await page.waitForFunction(() => window.confero.timings.firstFrame !== null, { timeout: 60000, polling: 100 });
    const t = await page.evaluate(() => ({ ...window.confero.timings }));
    const phases = Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'wsOpen')
      .map(([k, v]) => [k, v === null ? -1 : v - t.wsOpen]));
    emit({ event: 'firstMedia', join: i, ms: t.firstFrame - t.wsOpen, phases });
    await page.click('#leave-btn');
    await page.waitForFunction(() => window.confero.state === 'left', { timeout: 30000 });
  }
}

try {
  const page = await browser.newPage();
  page.on('console', (m) => process.stderr.write(`[firefox console] ${m.text()}\n`));
  if (option && option.startsWith('--rejoin=')) {
    await measureFirstMedia(page, Number(option.slice('--rejoin='.length)));
    emit({ event: 'done' });
    await new Promise(() => {}); // until stdin closes
  }
  await join(page, name);
  emit({ event: 'joined' });
  if (option === '--share') {
    await page.click('#screen-btn');
    const screen = await page.waitForFunction(async () => {
      const t = window.confero.publisher && window.confero.publisher.getTransceivers()
        .find((x) => x.sender.track && x.sender.track.kind === 'video' && /screen|window|monitor/i.test(
          (x.sender.track.getSettings().mediaSource || x.sender.track.getSettings().displaySurface || x.sender.track.label || '')));
      return t ? { mid: t.mid, label: t.sender.track.label, settings: t.sender.track.getSettings() } : null;
    }, { timeout: 60000, polling: 500 });
    emit({ event: 'sharing', ...(await screen.jsonValue()) });
  }
  for (;;) {
    const stats = await page.evaluate(async () => {
      const out = { video: [], audio: [], sent: [] };
      const pc = window.confero.subscriber;
      if (!pc) return out;
      (await pc.getStats()).forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') out.video.push({ id: s.id, framesDecoded: s.framesDecoded || 0, frameWidth: s.frameWidth || 0 });
        if (s.kind === 'audio') out.audio.push({ id: s.id, totalSamplesReceived: s.totalSamplesReceived || 0 });
      });
      const pub = window.confero.publisher;
      if (pub) {
        (await pub.getStats()).forEach((s) => {
          if (s.type === 'outbound-rtp' && s.kind === 'video') out.sent.push({ id: s.id, framesEncoded: s.framesEncoded || 0, frameWidth: s.frameWidth || 0 });
        });
      }
      return out;
    });
    emit({ event: 'stats', at: Date.now(), ...stats });
    await new Promise((r) => setTimeout(r, 1000));
  }
} catch (e) {
  emit({ event: 'error', message: String(e && e.stack || e) });
  await stop(1);
}
