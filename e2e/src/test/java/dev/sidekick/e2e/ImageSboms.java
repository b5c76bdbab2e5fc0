package dev.sidekick.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipFile;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * The bill of materials of each image that scripts/build-images wrote (docs/images.md), checked against the image
 * archive itself: NAME-TAG.cdx.json beside NAME-TAG.tar is valid CycloneDX with the image as metadata.component, the
 * same bytes as /sbom/NAME.cdx.json inside the image (and its label says so), every jar of the image is one of its
 * Maven components and no test jar is, and every Debian package installed in the image is one of its deb components.
 * Reads the docker-archive with tar: no podman, no cluster.
 */
final class ImageSboms {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPOSITORY = "ghcr.io/sidekick-for-gladly/";
  /** Test-scope artifacts of the modules, which an image must not claim to ship. */
  private static final Set<String> TEST_ONLY = Set.of("org.junit.jupiter:junit-jupiter-api", "org.assertj:assertj-core",
      "io.rest-assured:rest-assured", "io.quarkus:quarkus-junit", "org.awaitility:awaitility");
  /**
   * Code that a dependency copies into its own jar, with the copy's pom.properties: the Maven plugin lists the
   * dependency, not what it copied (docs/images.md, what the SBOM does not say). Netty's netty-common carries JCTools
   * as io.netty.util.internal.shaded.org.jctools.
   */
  private static final Set<String> VENDORED = Set.of("org.jctools:jctools-core");

  /** An image, its module's artifact, and a Java dependency whose version must be the one the poms resolve. */
  record Image(String name, String artifactId, String marker, String markerVersion) {}

  private final Path images;
  private final Path scratch;
  private final Shell shell;
  private final String projectVersion;

  ImageSboms(Path images, Path scratch, Shell shell, String projectVersion) {
    this.images = images;
    this.scratch = scratch;
    this.shell = shell;
    this.projectVersion = projectVersion;
  }

  /** The three images of scripts/build-images, with the versions the build gives this test (e2e/pom.xml). */
  static List<Image> all() {
    String quarkus = System.getProperty("sidekick.quarkus.version", "3.33.2");
    return List.of(new Image("sidekick-runtime", "sidekick-runtime", "io.quarkus:quarkus-core", quarkus),
        new Image("sidekick-operator", "sidekick-operator", "io.quarkus:quarkus-core", quarkus),
        // the simulator is plain Vert.x: the version is the one its shaded jar says it holds (checked below too)
        new Image("gladly-sim", "gladly-sim", "io.vertx:vertx-core", null));
  }

  void checkAll() {
    all().forEach(this::check);
  }

  void check(Image image) {
    Path archive = archive(image.name());
    String tag = archive.getFileName().toString().substring(image.name().length() + 1).replaceFirst("\\.tar$", "");
    Path beside = images.resolve(image.name() + "-" + tag + ".cdx.json");
    assertThat(beside).as("the SBOM beside " + archive).isRegularFile();
    JsonNode sbom = read(beside);

    List<String> schemaErrors = schemaErrors(beside, sbom.path("specVersion").asText());
    assertThat(schemaErrors).as(beside + " against the CycloneDX " + sbom.path("specVersion").asText() + " schema").isEmpty();
    assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");

    JsonNode component = sbom.path("metadata").path("component");
    assertThat(component.path("type").asText()).isEqualTo("container");
    assertThat(component.path("name").asText()).isEqualTo(image.name());
    assertThat(component.path("version").asText()).isEqualTo(tag);
    assertThat(component.path("purl").asText()).isEqualTo("pkg:oci/" + image.name() + "?repository_url=" + REPOSITORY
        + image.name() + "&tag=" + tag);

    Map<String, JsonNode> maven = components(sbom, "pkg:maven/");
    assertThat(maven).as("the module itself").containsKey("dev.sidekick:" + image.artifactId());
    assertThat(maven.get("dev.sidekick:" + image.artifactId()).path("version").asText()).isEqualTo(projectVersion);
    assertThat(maven).as(image.name() + ": a Java dependency").containsKey(image.marker());
    assertThat(maven.keySet()).as(image.name() + ": test-scope jars are not in the image").doesNotContainAnyElementsOf(TEST_ONLY);
    JsonNode top = sbom.path("dependencies").get(0);
    assertThat(top.path("ref").asText()).isEqualTo(component.path("bom-ref").asText());
    assertThat(StreamSupport.stream(top.path("dependsOn").spliterator(), false).map(JsonNode::asText))
        .as("the image depends on its application").contains(maven.get("dev.sidekick:" + image.artifactId()).path("bom-ref").asText());

    Path dir = scratch.resolve(image.name());
    try {
      Layers layers = Layers.unpack(shell, archive, dir);
      String label = layers.config().path("config").path("Labels").path("dev.sidekick.sbom").asText();
      assertThat(label).as("the image's label dev.sidekick.sbom").isEqualTo("/sbom/" + image.name() + ".cdx.json");
      // compared by digest: a failure should not print two half-megabyte documents
      assertThat(sha256(layers.text(label.substring(1)))).as("the SBOM inside the image (" + label + ") and " + beside)
          .isEqualTo(sha256(readString(beside)));

      checkJars(image, maven, layers, dir);
      checkDebianPackages(image, components(sbom, "pkg:deb/"), layers);
    } finally {
      shell.ok(Duration.ofMinutes(1), "rm", "-rf", dir.toString());
    }
  }

  /** Every jar in the image is a Maven component, at its version (the SBOM may list a few more: see docs/images.md). */
  private void checkJars(Image image, Map<String, JsonNode> maven, Layers layers, Path dir) {
    Set<String> listed = maven.values().stream()
        .map(c -> c.path("group").asText() + ":" + c.path("name").asText() + ":" + c.path("version").asText())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> inImage = new TreeSet<>();
    List<String> libs = layers.paths().stream().filter(p -> p.matches("deployments/lib/(boot|main)/[^/]+\\.jar")).toList();
    if (!libs.isEmpty()) {
      // Quarkus' fast-jar names them GROUP.ARTIFACT-VERSION[-CLASSIFIER].jar: each must match a listed component
      for (String lib : libs) {
        String file = lib.substring(lib.lastIndexOf('/') + 1);
        boolean found = maven.values().stream().map(c -> c.path("group").asText() + "." + c.path("name").asText() + "-"
            + c.path("version").asText()).anyMatch(p -> file.equals(p + ".jar") || file.startsWith(p + "-") && file.endsWith(".jar"));
        assertThat(found).as(image.name() + ": " + lib + " in the SBOM").isTrue();
        inImage.add(file);
      }
      assertThat(listed).as(image.name() + ": " + image.marker() + " at the pom's version")
          .contains(image.marker() + ":" + image.markerVersion());
    } else {
      // a shaded jar: the artifacts whose pom.properties it holds
      String jar = layers.paths().stream().filter(p -> p.matches("deployments/[^/]+\\.jar")).findFirst().orElseThrow(
          () -> new AssertionError(image.name() + ": no jar under /deployments"));
      Path extracted = layers.extract(jar, dir.resolve("jar"));
      try (ZipFile zip = new ZipFile(extracted.toFile())) {
        zip.stream().filter(e -> e.getName().matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties")).forEach(e -> {
          Properties p = new Properties();
          try (var in = zip.getInputStream(e)) {
            p.load(in);
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          }
          String artifact = p.getProperty("groupId") + ":" + p.getProperty("artifactId");
          if (!VENDORED.contains(artifact)) inImage.add(artifact + ":" + p.getProperty("version"));
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(listed).as(image.name() + ": the artifacts inside " + jar).containsAll(inImage);
      assertThat(inImage).as(image.name() + ": " + image.marker() + " inside " + jar).anyMatch(a -> a.startsWith(image.marker() + ":"));
    }
    assertThat(inImage).as(image.name() + ": jars found in the image").hasSizeGreaterThan(10);
  }

  /** Every package dpkg says is installed in the image is a deb component at its version, and no other is listed. */
  private void checkDebianPackages(Image image, Map<String, JsonNode> debs, Layers layers) {
    if (!layers.paths().contains("var/lib/dpkg/status")) {
      assertThat(debs).as(image.name() + ": no dpkg in the image, no Debian package listed").isEmpty();
      return;
    }
    Map<String, String> installed = new LinkedHashMap<>();
    for (String stanza : layers.text("var/lib/dpkg/status").split("\n\n")) {
      Map<String, String> fields = Arrays.stream(stanza.split("\n")).filter(l -> l.matches("[A-Za-z0-9-]+:.*"))
          .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> a));
      if (fields.getOrDefault("Status", "").endsWith(" installed")) installed.put(fields.get("Package"), fields.get("Version"));
    }
    assertThat(installed).as(image.name() + ": a Debian base").containsKeys("libc6", "openjdk-17-jre-headless");
    Map<String, String> listed = debs.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().path("version").asText()));
    assertThat(listed).as(image.name() + ": the Debian packages installed in the image").isEqualTo(installed);
    JsonNode libc = debs.get("libc6");
    assertThat(libc.path("purl").asText()).startsWith("pkg:deb/debian/libc6@" + libc.path("version").asText().replace("+", "%2B") + "?arch=");
  }

  private Path archive(String name) {
    try (Stream<Path> files = Files.list(images)) {
      List<Path> found = files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "-[0-9][^/]*\\.tar")).toList();
      assertThat(found).as("one archive of " + name + " in " + images).hasSize(1);
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Components whose purl starts with the prefix, by "group:name" (Maven) or name (deb). */
  private static Map<String, JsonNode> components(JsonNode sbom, String purlPrefix) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode c : sbom.path("components")) {
      if (!c.path("purl").asText().startsWith(purlPrefix)) continue;
      String key = c.hasNonNull("group") ? c.path("group").asText() + ":" + c.path("name").asText() : c.path("name").asText();
      assertThat(out.put(key, c)).as("listed once: " + key).isNull();
    }
    return out;
  }

  private static List<String> schemaErrors(Path file, String specVersion) {
    Version version = Arrays.stream(Version.values()).filter(v -> v.getVersionString().equals(specVersion)).findFirst()
        .orElseThrow(() -> new AssertionError(file + ": unknown CycloneDX specVersion " + specVersion));
    try {
      return new JsonParser().validate(file.toFile(), version).stream().map(Throwable::getMessage).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A docker-archive unpacked: its config and, for each path of the image's filesystem, the last layer that has it. */
  record Layers(Shell shell, JsonNode config, Map<String, Entry> owners) {
    /** The layer that holds a path last, and the path as that layer's tar spells it. */
    record Entry(Path layer, String name) {}

    static Layers unpack(Shell shell, Path archive, Path dir) {
      shell.ok(Duration.ofMinutes(1), "rm", "-rf", dir.toString());
      shell.ok(Duration.ofMinutes(1), "mkdir", "-p", dir.toString());
      shell.ok(Duration.ofMinutes(2), "tar", "-xf", archive.toString(), "-C", dir.toString());
      JsonNode manifest = read(dir.resolve("manifest.json")).get(0);
      Map<String, Entry> owners = new LinkedHashMap<>();
      for (JsonNode layer : manifest.path("Layers")) {
        Path tar = dir.resolve(layer.asText());
        for (String entry : shell.ok(Duration.ofMinutes(1), "tar", "-tf", tar.toString()).split("\n")) {
          owners.put(entry.replaceFirst("^\\./", ""), new Entry(tar, entry));
        }
      }
      return new Layers(shell, read(dir.resolve(manifest.path("Config").asText())), owners);
    }

    Set<String> paths() {
      return owners.keySet();
    }

    String text(String path) {
      Entry entry = owners.get(path);
      assertThat(entry).as(path + " in the image").isNotNull();
      return shell.ok(Duration.ofMinutes(1), "tar", "-xOf", entry.layer().toString(), entry.name());
    }

    Path extract(String path, Path to) {
      shell.ok(Duration.ofMinutes(1), "mkdir", "-p", to.toString());
      Entry entry = owners.get(path);
      shell.ok(Duration.ofMinutes(1), "tar", "-xf", entry.layer().toString(), "-C", to.toString(), entry.name());
      return to.resolve(entry.name());
    }
  }
}
