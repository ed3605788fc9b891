/**
 * Simulcast media logic, pure and clock-injected (no Vert.x, no I/O, no clock reads): which layer
 * an incoming SSRC belongs to ({@link io.confero.sfu.simulcast.LayerTable}), which layer each
 * subscriber should get ({@link io.confero.sfu.simulcast.LayerSelector},
 * {@link io.confero.sfu.simulcast.LayerSwitcher}), how the outgoing stream stays continuous across
 * a layer change ({@link io.confero.sfu.simulcast.TimestampAligner},
 * {@link io.confero.sfu.simulcast.Vp8Munger}), and which encodings the publisher may pause
 * ({@link io.confero.sfu.simulcast.Dynacast}).
 *
 * <p>Layers are numbered in simulcast order, lowest resolution first (layer 0), as the publisher's
 * {@code a=simulcast:send} list or its explicit SSRC list names them; Confero's web client sends
 * {@code q;h;f}. Every class returns immutable decision records; the SFU applies them and does the
 * I/O, as with {@link io.confero.sfu.forward.Forwarder}.
 */
package io.confero.sfu.simulcast;
