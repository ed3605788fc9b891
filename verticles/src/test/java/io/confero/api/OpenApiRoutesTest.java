package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document lists exactly the routes the API verticle serves. */
class OpenApiRoutesTest {
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void documentMatchesRoutes() throws Exception {
    RestClient.Response r = new RestClient(node.baseUrl()).send("GET", "/api/v1/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    JsonObject doc = r.json();
    assertThat(doc.getString("openapi")).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String m : paths.getJsonObject(path).fieldNames()) {
        if (!m.equals("parameters")) {
          documented.add(m.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    }
    Set<String> served = new TreeSet<>();
    for (Route route : node.node().api().routes()) {
      String path = route.getPath();
      if (path == null || path.endsWith("*") || route.methods() == null) {
        continue;
      }
      String openApiPath = path.replaceAll(":([a-z]+)", "{$1}");
      for (HttpMethod m : route.methods()) {
        served.add(m.name() + " " + openApiPath);
      }
    }
    assertThat(served).isEqualTo(documented);
  }
}
