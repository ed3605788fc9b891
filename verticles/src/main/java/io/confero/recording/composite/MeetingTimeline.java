package io.confero.recording.composite;

import io.confero.recording.format.MeetingEventType;
import io.confero.recording.format.TrackRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The meeting as the layout needs it, in seconds from the recording's start: who is present when
 * (joins and leaves), their names, when their camera is off, when they share their screen, and
 * who speaks. Built from the events file; pure.
 */
public final class MeetingTimeline {
  /** A half-open interval of seconds. */
  public record Span(double start, double end) {
    public boolean covers(double t) {
      return t >= start && t < end;
    }
  }

  /** What the layout knows of one participant. */
  public static final class Person {
    final String id;
    String name;
    final double firstSeen;
    final List<Span> present = new ArrayList<>();
    final List<Span> cameraOff = new ArrayList<>();
    final List<Span> sharing = new ArrayList<>();
    Double joinedAt;
    Double offAt;
    Double shareAt;

    Person(String id, double firstSeen) {
      this.id = id;
      this.name = id;
      this.firstSeen = firstSeen;
    }

    public String id() {
      return id;
    }

    public String name() {
      return name;
    }

    public boolean presentAt(double t) {
      return present.stream().anyMatch(s -> s.covers(t));
    }

    public boolean cameraOffAt(double t) {
      return cameraOff.stream().anyMatch(s -> s.covers(t));
    }

    public boolean sharingAt(double t) {
      return sharing.stream().anyMatch(s -> s.covers(t));
    }
  }

  private final Map<String, Person> people = new LinkedHashMap<>();
  private final List<double[]> speakerChanges = new ArrayList<>();
  private final List<String> speakers = new ArrayList<>();
  private final TreeSet<Double> changes = new TreeSet<>();
  private final double duration;

  private MeetingTimeline(double duration) {
    this.duration = duration;
  }

  /** The timeline of {@code events} (any order) for a recording that started at {@code startMicros}. */
  public static MeetingTimeline of(List<TrackRecord.Event> events, long startMicros, double duration) {
    MeetingTimeline m = new MeetingTimeline(duration);
    List<TrackRecord.Event> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparingLong(TrackRecord.Event::atMicros));
    for (TrackRecord.Event e : sorted) {
      double t = Math.max(0, Math.min(duration, (e.atMicros() - startMicros) / 1e6));
      m.apply(e, t);
    }
    m.people.values().forEach(m::closeOpen);
    return m;
  }

  private void apply(TrackRecord.Event e, double t) {
    Person p = people.computeIfAbsent(e.participantId(), id -> new Person(id, t));
    changes.add(t);
    switch (e.type()) {
      case JOIN -> {
        if (!e.text().isBlank()) {
          p.name = e.text();
        }
        p.joinedAt = p.joinedAt == null ? t : p.joinedAt;
      }
      case LEAVE -> {
        if (p.joinedAt != null) {
          p.present.add(new Span(p.joinedAt, t));
          p.joinedAt = null;
        }
      }
      case VIDEO_OFF -> p.offAt = p.offAt == null ? t : p.offAt;
      case VIDEO_ON -> {
        if (p.offAt != null) {
          p.cameraOff.add(new Span(p.offAt, t));
          p.offAt = null;
        }
      }
      case SCREEN_SHARE_STARTED -> p.shareAt = p.shareAt == null ? t : p.shareAt;
      case SCREEN_SHARE_STOPPED -> {
        if (p.shareAt != null) {
          p.sharing.add(new Span(p.shareAt, t));
          p.shareAt = null;
        }
      }
      case ACTIVE_SPEAKER -> {
        speakerChanges.add(new double[] {t});
        speakers.add(p.id);
      }
      default -> {
      }
    }
  }

  private void closeOpen(Person p) {
    if (p.joinedAt != null) {
      p.present.add(new Span(p.joinedAt, duration));
    }
    if (p.offAt != null) {
      p.cameraOff.add(new Span(p.offAt, duration));
    }
    if (p.shareAt != null) {
      p.sharing.add(new Span(p.shareAt, duration));
    }
  }

  /** Makes someone known who has tracks but no join event: present from {@code from} to the end. */
  public void ensurePresent(String id, double from) {
    Person p = people.computeIfAbsent(id, k -> new Person(k, from));
    if (p.present.isEmpty()) {
      p.present.add(new Span(from, duration));
      changes.add(from);
    }
  }

  /** Names for participants whose events carried none (the capture on the SFU does not know names). */
  public void names(Map<String, String> names) {
    for (Person p : people.values()) {
      String n = names.get(p.id);
      if (n != null && !n.isBlank() && p.name.equals(p.id)) {
        p.name = n;
      }
    }
  }

  /** Everyone, in order of first appearance. */
  public List<Person> people() {
    return List.copyOf(people.values());
  }

  /** Times at which the layout may change (events), ascending. */
  public TreeSet<Double> changes() {
    return new TreeSet<>(changes);
  }

  /** A change of active speaker: {@code participantId} became the speaker at {@code at}. */
  public record SpeakerChange(double at, String participantId) {
  }

  /** Every change of active speaker, in time order. */
  public List<SpeakerChange> speakerChanges() {
    List<SpeakerChange> out = new ArrayList<>(speakers.size());
    for (int i = 0; i < speakers.size(); i++) {
      out.add(new SpeakerChange(speakerChanges.get(i)[0], speakers.get(i)));
    }
    return out;
  }

  /** Who spoke last at or before {@code t}, or {@code null}. */
  public String speakerAt(double t) {
    String who = null;
    for (int i = 0; i < speakerChanges.size() && speakerChanges.get(i)[0] <= t; i++) {
      who = speakers.get(i);
    }
    return who;
  }

  public double duration() {
    return duration;
  }
}
