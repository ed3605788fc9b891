package io.confero.meeting;

import com.hazelcast.partition.PartitionAware;
import java.io.Serializable;

/** Hazelcast key for a meeting's live state: partitioned by the meeting id. */
public record MeetingKey(String meetingId) implements PartitionAware<String>, Serializable {
  @Override
  public String getPartitionKey() {
    return meetingId;
  }
}
