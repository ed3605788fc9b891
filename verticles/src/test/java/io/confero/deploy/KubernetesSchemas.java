package io.confero.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' own API schemas (the OpenAPI v2 document of a Kubernetes release, vendored in
 * {@code k8s/schema/}) as JSON Schemas for offline validation, made strict the way kubeconform's
 * and kubeval's "-strict" schemas are: an object with declared properties takes no others (a typo
 * in a field name fails), int-or-string and quantity fields take either type. The apiVersion and
 * kind of a manifest pick its definition through {@code x-kubernetes-group-version-kind}.
 */
final class KubernetesSchemas {
  private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  private final ObjectNode definitions;
  /** "group/version/Kind" (group empty for the core API) → definition name. */
  private final Map<String, String> byKind = new HashMap<>();
  private final Map<String, JsonSchema> schemas = new HashMap<>();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  KubernetesSchemas(Path openApiDocument) throws IOException {
    JsonNode root = new ObjectMapper().readTree(openApiDocument.toFile());
    definitions = (ObjectNode) root.get("definitions");
    definitions.fields().forEachRemaining(e -> {
      for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
        byKind.put(gvk.path("group").asText() + "/" + gvk.path("version").asText() + "/" + gvk.path("kind").asText(),
            e.getKey());
      }
    });
    definitions.elements().forEachRemaining(KubernetesSchemas::strict);
    JsonNodeFactory f = JsonNodeFactory.instance;
    definitions.set(INT_OR_STRING, oneOf(f, "string", "integer"));
    definitions.set(QUANTITY, oneOf(f, "string", "number"));
  }

  private static ObjectNode oneOf(JsonNodeFactory f, String a, String b) {
    ObjectNode n = f.objectNode();
    n.putArray("oneOf").add(f.objectNode().put("type", a)).add(f.objectNode().put("type", b));
    return n;
  }

  /** Drops the x- extensions and closes every object schema that declares its properties. */
  private static void strict(JsonNode node) {
    if (node.isArray()) {
      node.forEach(KubernetesSchemas::strict);
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode o = (ObjectNode) node;
    for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
      if (it.next().startsWith("x-")) {
        it.remove();
      }
    }
    if (o.has("properties") && o.path("properties").isObject() && !o.has("additionalProperties")) {
      o.put("additionalProperties", false);
    }
    o.path("properties").elements().forEachRemaining(KubernetesSchemas::strict);
    strict(o.path("items"));
    if (o.path("additionalProperties").isObject()) {
      strict(o.get("additionalProperties"));
    }
  }

  /** Whether the schemas know this apiVersion and kind. */
  boolean knows(String apiVersion, String kind) {
    return byKind.containsKey(key(apiVersion, kind));
  }

  /** The schema violations of one manifest (empty when valid); an unknown apiVersion/kind is one. */
  List<String> validate(JsonNode manifest) {
    String apiVersion = manifest.path("apiVersion").asText();
    String kind = manifest.path("kind").asText();
    String definition = byKind.get(key(apiVersion, kind));
    if (definition == null) {
      return List.of("no Kubernetes schema for apiVersion '" + apiVersion + "' kind '" + kind + "'");
    }
    Set<ValidationMessage> errors = schemas.computeIfAbsent(definition, this::schema).validate(manifest);
    return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private JsonSchema schema(String definition) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("$ref", "#/definitions/" + definition);
    root.set("definitions", definitions);
    return factory.getSchema(root);
  }

  private static String key(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return group + "/" + apiVersion.substring(slash + 1) + "/" + kind;
  }
}
