package io.confero.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every manifest in {@code k8s/} against Kubernetes' own API schemas, offline (no cluster, no
 * kubectl): {@link KubernetesSchemas} over the vendored OpenAPI document of Kubernetes 1.36. Then
 * what Confero needs of them: the image Jib builds, one UDP port per SFU worker, a signaling URL
 * per pod, probes on the API's /health and /readiness, a preStop, a PodDisruptionBudget, external
 * PostgreSQL and Redis.
 */
class KubernetesManifestsTest {
  static final Path K8S = Path.of(System.getProperty("confero.k8s"));
  static KubernetesSchemas schemas;
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @BeforeAll
  static void loadSchemas() throws IOException {
    schemas = new KubernetesSchemas(K8S.resolve("schema/kubernetes-1.36-swagger.json"));
  }

  /** Every YAML document of every manifest file (kustomization.yaml excepted), by "file#index". */
  static Map<String, JsonNode> manifests() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        if (f.getFileName().toString().equals("kustomization.yaml")) {
          continue;
        }
        try (JsonParser parser = YAML.getFactory().createParser(f.toFile())) {
          List<JsonNode> docs = YAML.readValues(parser, JsonNode.class).readAll();
          for (int i = 0; i < docs.size(); i++) {
            out.put(f.getFileName() + "#" + i, docs.get(i));
          }
        }
      }
    }
    return out;
  }

  static JsonNode one(String kind, String name) throws IOException {
    return manifests().values().stream()
        .filter(m -> m.path("kind").asText().equals(kind) && m.path("metadata").path("name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void everyManifestIsValidAgainstTheKubernetesSchemas() throws IOException {
    Map<String, JsonNode> all = manifests();
    assertThat(all).hasSizeGreaterThanOrEqualTo(10);
    Map<String, List<String>> invalid = new LinkedHashMap<>();
    all.forEach((where, m) -> {
      List<String> errors = schemas.validate(m);
      if (!errors.isEmpty()) {
        invalid.put(where + " " + m.path("kind").asText(), errors);
      }
    });
    assertThat(invalid).isEmpty();
  }

  @Test
  void theValidatorCatchesAMisspelledFieldAWrongTypeAndAnUnknownKind() throws IOException {
    ObjectNode typo = one("StatefulSet", "confero").deepCopy();
    ObjectNode podSpec = (ObjectNode) typo.path("spec").path("template").path("spec");
    podSpec.set("contianers", podSpec.remove("containers"));
    assertThat(schemas.validate(typo)).isNotEmpty();

    ObjectNode wrongType = one("StatefulSet", "confero").deepCopy();
    ((ObjectNode) wrongType.path("spec")).put("replicas", "three");
    assertThat(schemas.validate(wrongType)).isNotEmpty();

    ObjectNode oldApi = one("PodDisruptionBudget", "confero").deepCopy();
    oldApi.put("apiVersion", "policy/v1beta1");
    assertThat(schemas.validate(oldApi)).singleElement().asString().contains("no Kubernetes schema");
  }

  @Test
  void kustomizationAppliesEveryManifestButTheSecretExample() throws IOException {
    JsonNode k = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
    List<String> resources = new ArrayList<>();
    k.path("resources").forEach(r -> resources.add(r.asText()));
    List<String> files;
    try (Stream<Path> s = Files.list(K8S)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .filter(n -> !n.equals("kustomization.yaml") && !n.endsWith(".example.yaml")).toList();
    }
    assertThat(resources).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void thePodRunsTheImageJibBuilds() throws IOException {
    Matcher m = Pattern.compile("<confero.image>([^<]+)</confero.image>")
        .matcher(Files.readString(K8S.resolveSibling("pom.xml")));
    assertThat(m.find()).isTrue();
    assertThat(container().path("image").asText()).isEqualTo(m.group(1));
  }

  @Test
  void oneUdpPortPerSfuWorker() throws IOException {
    JsonNode config = one("ConfigMap", "confero").path("data");
    int workers = Integer.parseInt(config.path("CONFERO_SFU_WORKERS").asText());
    int base = Integer.parseInt(config.path("CONFERO_SFU_PORT").asText());
    List<JsonNode> sfu = new ArrayList<>();
    container().path("ports").forEach(p -> {
      if (p.path("name").asText().startsWith("sfu-")) {
        sfu.add(p);
      }
    });
    assertThat(sfu).hasSize(workers);
    for (int i = 0; i < workers; i++) {
      assertThat(sfu.get(i).path("name").asText()).isEqualTo("sfu-" + i);
      assertThat(sfu.get(i).path("containerPort").asInt()).isEqualTo(base + i);
      assertThat(sfu.get(i).path("hostPort").asInt()).isEqualTo(base + i);
      assertThat(sfu.get(i).path("protocol").asText()).isEqualTo("UDP");
    }
  }

  @Test
  void eachPodHasItsOwnSignalingUrlAndService() throws IOException {
    assertThat(one("ConfigMap", "confero").path("data").has("CONFERO_SIGNALING_PUBLIC_URL"))
        .as("no shared signaling URL").isFalse();
    List<String> env = new ArrayList<>();
    container().path("env").forEach(e -> env.add(e.path("name").asText() + "=" + e.path("value").asText()));
    assertThat(env).anyMatch(e -> e.startsWith("CONFERO_SIGNALING_PUBLIC_URL=") && e.contains("$(POD_NAME)"));
    assertThat(one("Service", "confero").path("spec").path("ports").toString()).doesNotContain("8081");
    int replicas = one("StatefulSet", "confero").path("spec").path("replicas").asInt();
    for (int i = 0; i < replicas; i++) {
      JsonNode svc = one("Service", "confero-" + i);
      assertThat(svc.path("spec").path("selector").path("statefulset.kubernetes.io/pod-name").asText())
          .isEqualTo("confero-" + i);
      assertThat(one("Ingress", "confero").toString()).contains("confero-" + i + ".meet.example.org");
    }
  }

  @Test
  void probesPreStopAndDisruptionBudget() throws IOException {
    JsonNode c = container();
    assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readiness");
    assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
    assertThat(c.path("lifecycle").path("preStop").isMissingNode()).isFalse();
    JsonNode pod = one("StatefulSet", "confero").path("spec").path("template");
    assertThat(one("PodDisruptionBudget", "confero").path("spec").path("selector").path("matchLabels"))
        .isEqualTo(pod.path("metadata").path("labels"));
    assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void postgresAndRedisAreExternal() throws IOException {
    JsonNode config = one("ConfigMap", "confero").path("data");
    assertThat(config.path("CONFERO_DATABASE_MODE").asText()).isEqualTo("external");
    assertThat(one("Service", config.path("CONFERO_DATABASE_HOST").asText()).path("spec").path("type").asText())
        .isEqualTo("ExternalName");
    assertThat(config.path("CONFERO_REDIS_URL").asText()).startsWith("redis://redis:");
    assertThat(one("Service", "redis").path("spec").path("type").asText()).isEqualTo("ExternalName");
  }

  private static JsonNode container() throws IOException {
    return one("StatefulSet", "confero").path("spec").path("template").path("spec").path("containers").get(0);
  }
}
