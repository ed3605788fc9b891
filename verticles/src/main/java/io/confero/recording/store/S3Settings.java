package io.confero.recording.store;

import java.net.URI;
import java.util.Objects;

/**
 * Where an S3-compatible store is and how to sign for it.
 *
 * @param endpoint the service URL ({@code https://s3.eu-west-1.amazonaws.com}, a MinIO or Ceph URL)
 * @param region the signing region
 * @param bucket the bucket recordings go to (it must exist)
 * @param accessKey the access key id
 * @param secretKey the secret access key
 * @param pathStyle address the bucket in the path ({@code endpoint/bucket/key}), as most non-AWS stores need
 * @param prefix a key prefix inside the bucket (may be empty)
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey,
    boolean pathStyle, String prefix) {
  public S3Settings {
    Objects.requireNonNull(endpoint, "endpoint");
    if (region == null || region.isBlank() || bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("an S3 store needs a region and a bucket");
    }
    if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException("an S3 store needs an access key and a secret key");
    }
    prefix = prefix == null ? "" : prefix;
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
  }

  @Override
  public String toString() {
    return "S3Settings[" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle=" + pathStyle + "]";
  }
}
