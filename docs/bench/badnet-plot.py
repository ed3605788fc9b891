#!/usr/bin/env python3
"""Turns BadNetworkE2ETest's sample lines ("E2E badnet t=... cap=... grace={...} linus={...}", from
verticles/target/surefire-reports/io.confero.e2e.BadNetworkE2ETest-output.txt) into a CSV and a PNG
(standard library only: no plotting package on the build machine).

usage: badnet-plot.py OUTPUT.txt SAMPLES.csv PLOT.png
"""
import json, re, struct, sys, zlib

CAP_KBPS = {'free': None, 'rate=10m': 10000, 'rate=2m': 2000, 'rate=500k': 500, 'rate=250k': 250, 'rate=100k': 100}


def samples(path):
    rows = []
    for line in open(path):
        m = re.match(r'E2E badnet t=([\d.]+) cap=(\S+) grace=(\{.*?\}) linus=(\{.*\})$', line.strip())
        if m:
            rows.append((float(m.group(1)), m.group(2), json.loads(m.group(3)), json.loads(m.group(4))))
    out = []
    for i in range(1, len(rows)):
        (t0, _, g0, l0), (t, cap, g, l) = rows[i - 1], rows[i]
        if t - t0 < 0.2:
            continue
        rate = lambda a, b: (b['bytes'] - a['bytes']) * 8 / (t - t0) / 1000
        out.append((t, CAP_KBPS.get(cap), rate(g0, g), g['height'], int(g['paused']), rate(l0, l), l['height']))
    return out


def png(path, w, h, pixels):
    raw = b''.join(b'\x00' + bytes(c for px in row for c in px) for row in pixels)
    chunk = lambda tag, data: struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data))
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def plot(rows, path, w=720, h=360):
    img = [[(255, 255, 255)] * w for _ in range(h)]
    t_max = rows[-1][0]
    split = h * 2 // 3  # top: kbit/s (0..2000), bottom: Grace's (black) and Linus's (grey) height, paused red
    x = lambda t: min(w - 1, int(t / t_max * (w - 1)))
    y_rate = lambda k: max(0, split - 1 - int(min(k, 2000) / 2000 * (split - 10)))
    y_h = lambda px: h - 1 - int(px / 720 * (h - split - 10))

    def line(p, q, color):
        steps = max(abs(q[0] - p[0]), abs(q[1] - p[1]), 1)
        for i in range(steps + 1):
            img[p[1] + (q[1] - p[1]) * i // steps][p[0] + (q[0] - p[0]) * i // steps] = color

    for k in (500, 1000, 1500, 2000):
        line((0, y_rate(k)), (w - 1, y_rate(k)), (225, 225, 225))
    line((0, split), (w - 1, split), (160, 160, 160))
    for a, b in zip(rows, rows[1:]):
        cap = lambda r: 2000 if r[1] is None else r[1]
        line((x(a[0]), y_rate(cap(a))), (x(b[0]), y_rate(cap(a))), (230, 120, 0))   # the cap (orange, free = 2000+)
        line((x(b[0]), y_rate(cap(a))), (x(b[0]), y_rate(cap(b))), (230, 120, 0))
        line((x(a[0]), y_rate(a[5])), (x(b[0]), y_rate(b[5])), (150, 150, 150))     # Linus received (grey)
        line((x(a[0]), y_rate(a[2])), (x(b[0]), y_rate(b[2])), (20, 90, 200))       # Grace received (blue)
        line((x(a[0]), y_h(a[6]) - 2), (x(b[0]), y_h(a[6]) - 2), (150, 150, 150))
        line((x(a[0]), y_h(a[3])), (x(b[0]), y_h(a[3])), (200, 30, 30) if a[4] else (0, 0, 0))
    png(path, w, h, img)


if __name__ == '__main__':
    rows = samples(sys.argv[1])
    with open(sys.argv[2], 'w') as f:
        f.write('t_s,cap_kbps,grace_rx_kbps,grace_height,grace_paused,linus_rx_kbps,linus_height\n')
        for r in rows:
            f.write('%.1f,%s,%.0f,%d,%d,%.0f,%d\n' % (r[0], '' if r[1] is None else r[1], r[2], r[3], r[4], r[5], r[6]))
    plot(rows, sys.argv[3])
