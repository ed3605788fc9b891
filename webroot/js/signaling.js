/**
 * The signaling WebSocket (docs/protocol.md, v1): one JSON object per frame. Every frame we send
 * carries an `id`; replies and errors name it in `ref`.
 */
export class Signaling {
  /** @param {string} url media_server.url from the join response; @param {string} token session token */
  constructor(url, token) {
    this.url = Signaling.socketUrl(url, token);
    this.ws = null;
    this.nextId = 1;
    this.onmessage = () => {};
    this.onclose = () => {};
    this.closedByUs = false;
  }

  /** `<url>?token=<token>`, with http(s) mapped to ws(s) and relative URLs resolved against the page. */
  static socketUrl(url, token) {
    const u = new URL(url, window.location.href);
    if (u.protocol === 'http:') u.protocol = 'ws:';
    if (u.protocol === 'https:') u.protocol = 'wss:';
    u.searchParams.set('token', token);
    return u.toString();
  }

  /** Opens the socket; resolves once open, rejects if it fails to open. */
  open() {
    return new Promise((resolve, reject) => {
      let opened = false;
      try {
        this.ws = new WebSocket(this.url);
      } catch (e) {
        reject(e);
        return;
      }
      this.ws.onopen = () => { opened = true; resolve(); };
      this.ws.onmessage = (ev) => this.receive(ev.data);
      this.ws.onclose = (ev) => {
        if (!opened) reject(new Error(`connection refused (${ev.code})`));
        else this.onclose(ev, this.closedByUs);
      };
    });
  }

  receive(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (msg && typeof msg.type === 'string') this.onmessage(msg);
  }

  /** Sends a frame and returns the id it carried. */
  send(msg) {
    const id = String(this.nextId++);
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...msg, id }));
    return id;
  }

  get isOpen() {
    return !!this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Closes the socket. 1000 (normal closure) tells the server we are gone for good; any other
   * code (4000 when we start over) keeps our seat for the reconnect grace period.
   */
  close(code = 1000) {
    this.closedByUs = true;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close(code);
  }
}
