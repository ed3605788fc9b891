package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpSr;
import java.util.ArrayList;
import java.util.List;

/**
 * The one consumer an audio producer has in a meeting that uses audio slots: it hands each packet
 * to the {@link AudioSlotStream slots} that carry the producer right now (a handful, whoever is
 * loud is in a few subscribers' slots), so a 1,000-person meeting has 1,000 feeds, not a million
 * consumers. Runs on the worker's event loop only.
 */
public final class AudioSlotFeed implements Consumer {
  private final Producer producer;
  private final List<AudioSlotStream> carriers = new ArrayList<>();

  public AudioSlotFeed(Producer producer) {
    this.producer = producer;
  }

  @Override
  public Producer producer() {
    return producer;
  }

  public void add(AudioSlotStream slot) {
    if (!carriers.contains(slot)) {
      carriers.add(slot);
    }
  }

  public void remove(AudioSlotStream slot) {
    carriers.remove(slot);
  }

  /** How many slots carry this producer now. */
  public int carriers() {
    return carriers.size();
  }

  @Override
  public void onPacket(PacketInfo packet) {
    for (int i = 0; i < carriers.size(); i++) {
      carriers.get(i).onPacket(packet);
    }
  }

  @Override
  public void onSenderReport(Encoding encoding, RtcpSr sr) {
    for (int i = 0; i < carriers.size(); i++) {
      carriers.get(i).onSenderReport(sr);
    }
  }

  @Override
  public void close() {
    carriers.clear();
  }
}
