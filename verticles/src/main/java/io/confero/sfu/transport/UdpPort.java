package io.confero.sfu.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * An SFU worker's UDP port: a Netty datagram channel registered on the worker verticle's own event
 * loop, so receiving, routing and sending a packet happen on one thread without hand-offs.
 *
 * <p>It replaces Vert.x's {@code DatagramSocket} on this hot path because that API costs, per sent
 * packet, a host-name resolution of the destination (it takes the address as a string), a future
 * with two listeners, a per-packet metrics sample and a copy into a new direct buffer; and per
 * received datagram a read buffer as large as the socket's receive buffer, allocated and zeroed
 * (measured in {@code docs/benchmarks.md} §6). Here a packet is
 * copied once into a pooled direct buffer and written to an {@link InetSocketAddress}; writes made on
 * the event loop are flushed together once the current batch of reads is handled.
 */
public final class UdpPort {
  /** Receives each datagram on the worker's context; {@code buf} is the receiver's to keep. */
  public interface Receiver {
    /**
     * @param readNanos {@link System#nanoTime()} when the datagram was read from the socket, before
     *     any datagram of the same batch was handled: its arrival time for congestion feedback
     */
    void onDatagram(byte[] buf, int len, InetSocketAddress from, long readNanos);
  }

  /** One datagram read and not yet handled. */
  private record Read(byte[] buf, int len, InetSocketAddress from, long nanos) {}

  /** Bytes read per datagram: more than any datagram we accept, so oversized ones are seen as such. */
  static final int RECEIVE_BUFFER = 2048;

  private final ContextInternal context;
  private final DatagramChannel channel;
  private final EventLoop loop;
  private final Runnable flushTask = this::flushNow;
  /** The datagrams of the current read batch, stamped as read, handled when the batch ends. */
  private final ArrayDeque<Read> batch = new ArrayDeque<>();
  private boolean flushPending;

  private UdpPort(ContextInternal context, DatagramChannel channel) {
    this.context = context;
    this.channel = channel;
    this.loop = context.nettyEventLoop();
  }

  /** Binds a channel on {@code context}'s event loop; received datagrams go to {@code receiver}. */
  public static Future<UdpPort> bind(ContextInternal context, String host, int port, DatagramSocketOptions options,
      int maxDatagram, Receiver receiver) {
    DatagramChannel channel = context.owner().transport().datagramChannel();
    context.owner().transport().configure(channel, options);
    // Vert.x sizes Netty's per-read buffer to the socket's receive buffer (4 MiB here), which made
    // every received datagram allocate and zero 4 MiB; one datagram needs one MTU
    channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(RECEIVE_BUFFER));
    UdpPort udp = new UdpPort(context, channel);
    channel.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int len = content.readableBytes();
        byte[] buf = new byte[Math.min(len, maxDatagram + 1)];
        content.getBytes(content.readerIndex(), buf, 0, buf.length);
        udp.batch.add(new Read(buf, len, packet.sender(), System.nanoTime()));
      }

      @Override
      public void channelReadComplete(ChannelHandlerContext ctx) {
        // a batch is read first, then handled: decrypting and fanning out one datagram must not
        // delay the arrival time of the next (transport-wide-cc feedback reports these times)
        context.emit(null, v -> {
          for (Read r = udp.batch.poll(); r != null; r = udp.batch.poll()) {
            receiver.onDatagram(r.buf(), r.len(), r.from(), r.nanos());
          }
        });
        udp.flushNow();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // an ICMP unreachable surfaces as a PortUnreachableException on the next read; the peer's
        // consent expiry frees its transport, so nothing to do here
      }
    });
    Promise<UdpPort> promise = context.promise();
    udp.loop.register(channel).addListener(reg -> {
      if (!reg.isSuccess()) {
        promise.fail(reg.cause());
        return;
      }
      channel.bind(new InetSocketAddress(host, port)).addListener(b -> {
        if (b.isSuccess()) {
          promise.complete(udp);
        } else {
          channel.close();
          promise.fail(b.cause());
        }
      });
    });
    return promise.future();
  }

  /** The bound port. */
  public int port() {
    return channel.localAddress().getPort();
  }

  /**
   * Sends one datagram (the bytes are copied; {@code buf} may be reused at once). Safe from any
   * thread; on the event loop the flush is deferred to the end of the current batch.
   */
  public void send(byte[] buf, int len, InetSocketAddress to) {
    ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(len, len);
    out.writeBytes(buf, 0, len);
    DatagramPacket packet = new DatagramPacket(out, to);
    if (loop.inEventLoop()) {
      channel.write(packet, channel.voidPromise());
      if (!flushPending) {
        flushPending = true;
        loop.execute(flushTask);
      }
    } else {
      channel.writeAndFlush(packet, channel.voidPromise());
    }
  }

  private void flushNow() {
    flushPending = false;
    channel.flush();
  }

  /** Closes the channel. */
  public Future<Void> close() {
    Promise<Void> promise = context.promise();
    channel.close().addListener(f -> promise.complete());
    return promise.future();
  }
}
