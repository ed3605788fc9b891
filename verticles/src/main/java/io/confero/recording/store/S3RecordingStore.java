package io.confero.recording.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Recordings in an S3-compatible bucket through the AWS SDK for Java v2 (the JDK's URL connection
 * as its HTTP client). Checksums are sent only where an operation requires them, as stores other
 * than AWS expect. SDK failures surface as {@link IOException}s naming the key.
 */
public final class S3RecordingStore implements RecordingStore, AutoCloseable {
  private final S3Client s3;
  private final S3Settings settings;

  public S3RecordingStore(S3Settings settings) {
    this.settings = settings;
    this.s3 = S3Client.builder()
        .endpointOverride(settings.endpoint())
        .region(Region.of(settings.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
        .forcePathStyle(settings.pathStyle())
        // S3-compatible stores (MinIO, Ceph, s3proxy) do not all take the SDK's default trailing checksums
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private String object(String key) {
    return settings.prefix() + RecordingStore.checkKey(key);
  }

  @Override
  public void put(String key, Path file) throws IOException {
    try {
      s3.putObject(b -> b.bucket(settings.bucket()).key(object(key)), RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw new IOException("S3 put of " + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void get(String key, Path target) throws IOException {
    try (InputStream in = open(key)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(settings.bucket()).key(object(key)));
    } catch (NoSuchKeyException e) {
      throw new java.nio.file.NoSuchFileException(key);
    } catch (SdkException e) {
      throw new IOException("S3 get of " + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return s3.headObject(b -> b.bucket(settings.bucket()).key(object(key))).contentLength();
    } catch (NoSuchKeyException e) {
      return -1;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return -1;
      }
      throw new IOException("S3 head of " + key + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("S3 head of " + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    try {
      ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(settings.bucket())
          .prefix(settings.prefix() + prefix).build();
      for (S3Object o : s3.listObjectsV2Paginator(req).contents()) {
        if (!o.key().endsWith("/")) { // folder placeholder objects are not recordings
          keys.add(o.key().substring(settings.prefix().length()));
        }
      }
    } catch (SdkException e) {
      throw new IOException("S3 list of " + prefix + " failed: " + e.getMessage(), e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public int deleteAll(String prefix) throws IOException {
    List<String> keys = list(prefix);
    // one DeleteObject per key: the batch DeleteObjects needs a checksum header that not every
    // S3-compatible store accepts
    try {
      for (String k : keys) {
        s3.deleteObject(b -> b.bucket(settings.bucket()).key(settings.prefix() + k));
      }
    } catch (SdkException e) {
      throw new IOException("S3 delete of " + prefix + " failed: " + e.getMessage(), e);
    }
    return keys.size();
  }

  @Override
  public void close() {
    s3.close();
  }
}
